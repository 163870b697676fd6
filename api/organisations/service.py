"""Organisations: the rules, and what other domains ask of them."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as core_select
from sqlmodel import Session, col, delete, select

from api.core import etags
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import Stmt, among, where_given, where_search
from api.core.text import fold
from api.core.writes import patch_changes, save, store
from api.organisations.models import CommitteeCarrier, Organisation
from api.organisations.schemas import (
    OrganisationCreate,
    OrganisationPublic,
    OrganisationType,
    OrganisationUpdate,
)
from api.territories import service as territories


class SiretTaken(Conflict):
    default_detail = "An organisation with this SIRET already exists."


class OrganisationNotFound(NotFound):
    default_detail = "No organisation with this id."


class OrganisationInUse(Conflict):
    pass


@dataclass(frozen=True)
class OrganisationFilters:
    type: OrganisationType | None = None
    department: str | None = None
    q: str | None = None


def _check_department(code: str | None) -> None:
    if code and territories.unknown_departments([code]):
        raise InvalidInput("Unknown INSEE département code.", field="department_code")


def _check_siret_free(session: Session, siret: str | None, *, own_id: uuid.UUID | None) -> None:
    if siret is None:
        return
    clash = select(Organisation.id).where(Organisation.siret == siret)
    if own_id is not None:
        clash = clash.where(Organisation.id != own_id)
    if session.exec(clash).first() is not None:
        raise SiretTaken()


def create_organisation(session: Session, *, data: OrganisationCreate) -> Organisation:
    _check_department(data.department_code)
    _check_siret_free(session, data.siret, own_id=None)
    organisation = Organisation(
        type=data.type.value,
        name=data.name,
        search_key=fold(data.name),
        department_code=data.department_code,
        siret=data.siret,
    )
    store(session, organisation)
    return organisation


def carriers_of(
    session: Session, committee_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Each committee's carrying organisations, in order, in one query; each as an
    `OrganisationRef`'s fields."""
    out: dict[uuid.UUID, list[dict[str, Any]]] = {cid: [] for cid in committee_ids}
    if committee_ids:
        rows = session.exec(
            select(
                CommitteeCarrier.committee_id, Organisation.id, Organisation.name, Organisation.type
            )
            .join(Organisation, col(Organisation.id) == col(CommitteeCarrier.organisation_id))
            .where(among(session, CommitteeCarrier.committee_id, committee_ids))
            .order_by(col(CommitteeCarrier.committee_id), col(CommitteeCarrier.position))
        ).all()
        for committee_id, org_id, name, type_ in rows:
            out[committee_id].append({"id": org_id, "name": name, "type": type_})
    return out


def set_carriers(
    session: Session, *, committee_id: uuid.UUID, organisation_ids: Sequence[uuid.UUID]
) -> None:
    """Replace a committee's carriers; every id must name an organisation."""
    check_carriers(session, organisation_ids)
    session.exec(delete(CommitteeCarrier).where(col(CommitteeCarrier.committee_id) == committee_id))
    for position, organisation_id in enumerate(organisation_ids):
        session.add(
            CommitteeCarrier(
                committee_id=committee_id, organisation_id=organisation_id, position=position
            )
        )
    session.flush()


def check_carriers(session: Session, organisation_ids: Sequence[uuid.UUID]) -> None:
    """Each id names an organisation, once (422 otherwise)."""
    if len(set(organisation_ids)) != len(organisation_ids):
        raise InvalidInput("An organisation is named twice.", field="carrying_organisation_ids")
    found = set(
        session.exec(
            select(Organisation.id).where(col(Organisation.id).in_(organisation_ids))
        ).all()
    )
    if missing := [str(i) for i in organisation_ids if i not in found]:
        raise InvalidInput(
            f"No organisation with these ids: {', '.join(missing)}.",
            field="carrying_organisation_ids",
        )


# Everything the list returns, and nothing else: no ORM objects, no version, no search key.
_LIST_COLUMNS: list[Any] = [
    col(getattr(Organisation, name)) for name in OrganisationPublic.model_fields
]


def organisation_exists(session: Session, organisation_id: uuid.UUID) -> bool:
    return session.get(Organisation, organisation_id) is not None


# What other domains read of an organisation, joined into their own queries: its name.
ORGANISATION_NAME = col(Organisation.name)


def carriers_in_order(committee_id: Any) -> Select[*tuple[Any, ...]]:
    """SQL: the carriers of the committee whose id is in `committee_id` (a column of the
    caller's statement), each as an `OrganisationRef`'s values, in the order they are named:
    what `carriers_of` reads, for a statement on committees to read beside each."""
    return (
        core_select(col(Organisation.id), col(Organisation.name), col(Organisation.type))
        .select_from(CommitteeCarrier)
        .join(Organisation, col(Organisation.id) == col(CommitteeCarrier.organisation_id))
        .where(col(CommitteeCarrier.committee_id) == committee_id)
        .order_by(col(CommitteeCarrier.position))
    )


def outerjoin_organisation(stmt: Stmt, organisation_id: Any) -> Stmt:
    """`stmt` left-joined to the organisation whose id is in `organisation_id` (a column of the
    caller's table): `ORGANISATION_NAME` is NULL where there is none."""
    return stmt.outerjoin(Organisation, col(Organisation.id) == organisation_id)


def get_organisation(session: Session, *, organisation_id: uuid.UUID) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise OrganisationNotFound()
    return organisation


def list_organisations(
    session: Session, *, filters: OrganisationFilters, limit: int, cursor: str | None
) -> RowsPage:
    stmt = select(*_LIST_COLUMNS)
    stmt = where_given(
        stmt, (Organisation.type, filters.type), (Organisation.department_code, filters.department)
    )
    stmt = where_search(stmt, Organisation.search_key, filters.q)
    order = [col(Organisation.name), col(Organisation.id)]
    return page_of_dicts(paginate(session, stmt, keys=order, limit=limit, cursor=cursor))


def update_organisation(
    session: Session,
    *,
    organisation: Organisation,
    data: OrganisationUpdate,
    if_match: str | None,
) -> Organisation:
    changes = patch_changes(data)
    if "department_code" in changes:
        _check_department(changes["department_code"])
    etags.require_match(if_match, organisation.version)
    if "siret" in changes:
        _check_siret_free(session, changes["siret"], own_id=organisation.id)
    if "type" in changes:
        changes["type"] = changes["type"].value
    for field in ("type", "name", "department_code", "siret"):
        if field in changes:
            setattr(organisation, field, changes[field])
    organisation.search_key = fold(organisation.name)
    save(session, organisation)
    return organisation


def delete_organisation(
    session: Session, *, organisation: Organisation, if_match: str | None
) -> None:
    """Only an organisation nobody refers to goes: carriers and people keep theirs."""
    etags.require_match(if_match, organisation.version)
    carries = session.exec(
        select(CommitteeCarrier.committee_id).where(
            CommitteeCarrier.organisation_id == organisation.id
        )
    ).first()
    if carries is not None:
        raise OrganisationInUse("This organisation carries a committee; change its carriers first.")
    # People refer to it with ON DELETE RESTRICT: the database refuses while anyone works there.
    in_use = OrganisationInUse("People work at this organisation; change their organisation first.")
    delete_unless_referenced(session, organisation, in_use)
