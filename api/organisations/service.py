"""Organisations: the rules, and what other domains ask of them."""

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, delete, select

from api.core.problems import Conflict, InvalidInput
from api.core.text import fold
from api.organisations.models import CommitteeCarrier, Organisation
from api.organisations.schemas import OrganisationCreate, OrganisationRef
from api.territories import service as territories


class SiretTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("An organisation with this SIRET already exists.")


def create_organisation(session: Session, *, data: OrganisationCreate) -> Organisation:
    if data.department_code and territories.unknown_departments([data.department_code]):
        raise InvalidInput("Unknown INSEE département code.", field="department_code")
    if (
        data.siret
        and session.exec(select(Organisation.id).where(Organisation.siret == data.siret)).first()
    ):
        raise SiretTaken()
    organisation = Organisation(
        type=data.type.value,
        name=data.name,
        search_key=fold(data.name),
        department_code=data.department_code,
        siret=data.siret,
    )
    session.add(organisation)
    session.flush()
    return organisation


def carriers_of(
    session: Session, committee_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[OrganisationRef]]:
    """Each committee's carrying organisations, in order, in one query."""
    out: dict[uuid.UUID, list[OrganisationRef]] = {cid: [] for cid in committee_ids}
    if committee_ids:
        rows = session.exec(
            select(
                CommitteeCarrier.committee_id, Organisation.id, Organisation.name, Organisation.type
            )
            .join(Organisation, col(Organisation.id) == col(CommitteeCarrier.organisation_id))
            .where(col(CommitteeCarrier.committee_id).in_(committee_ids))
            .order_by(col(CommitteeCarrier.committee_id), col(CommitteeCarrier.position))
        ).all()
        for committee_id, org_id, name, type_ in rows:
            out[committee_id].append(OrganisationRef(id=org_id, name=name, type=type_))
    return out


def set_carriers(
    session: Session, *, committee_id: uuid.UUID, organisation_ids: Sequence[uuid.UUID]
) -> None:
    """Replace a committee's carriers; every id must name an organisation."""
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
    session.exec(delete(CommitteeCarrier).where(col(CommitteeCarrier.committee_id) == committee_id))
    for position, organisation_id in enumerate(organisation_ids):
        session.add(
            CommitteeCarrier(
                committee_id=committee_id, organisation_id=organisation_id, position=position
            )
        )
    session.flush()
