"""The committee directory: rules for territories, parents, visibility and edits."""

import uuid
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, bindparam, false, func, or_, true
from sqlalchemy.orm import lazyload
from sqlmodel import Session, col, select

from api.auth import clients
from api.auth.permissions import Permission, Subject
from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.committees.schemas import (
    CommitteeCreate,
    CommitteePublic,
    CommitteeStatus,
    CommitteeUpdate,
    Scale,
)
from api.core import etags
from api.core.clock import today
from api.core.integrity import delete_unless_referenced
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Stmt, exists
from api.core.text import fold
from api.core.writes import patch_changes, save, store
from api.organisations import service as organisations
from api.territories import service as territories


class CommitteeColumns(NamedTuple):
    """What other domains read of a committee, joined into their own queries: its names, and
    what figures count it by."""

    id: Any
    name: Any
    short_name: Any
    scale: Any
    is_public: Any


COMMITTEE = CommitteeColumns(*(col(getattr(Committee, name)) for name in CommitteeColumns._fields))


def join_committee(stmt: Stmt, committee_id: Any) -> Stmt:
    """`stmt` joined to the committee whose id is in `committee_id`, a column of the caller's
    table; `visible_to` then applies to it."""
    return stmt.join(Committee, COMMITTEE.id == committee_id)


class CommitteeNotFound(NotFound):
    default_detail = "No committee with this id."


class NetworkDecision(Forbidden):
    default_detail = (
        "Only a network_admin moves a committee in the network: its parent, scale and "
        "territories are the network's decision."
    )


class CommitteeHasChildren(Conflict):
    default_detail = "This committee is the parent of other committees; detach them first."


class CommitteeHasHistory(Conflict):
    """Only an empty committee (created by mistake) is deleted; one with a history is closed."""

    def __init__(self, holdings: list[str]) -> None:
        held = f"holds {', '.join(holdings)}" if holdings else "has a history"
        super().__init__(
            f"This committee {held}, which must be kept: close it instead "
            "(POST /api/v1/committees/{id}/status with status 'closed' and its date). "
            "Only a committee created by mistake, still empty, can be deleted."
        )


# A `CommitteePublic`'s own columns (its territories and carriers are read apart).
PUBLIC_FIELDS = [
    name
    for name in CommitteePublic.model_fields
    if name not in ("region_codes", "department_codes", "carrying_organisations")
]


def to_public(session: Session, committee: Committee) -> CommitteePublic:
    carriers = organisations.carriers_of(session, [committee.id])[committee.id]
    return CommitteePublic.model_validate(
        {
            **{k: getattr(committee, k) for k in PUBLIC_FIELDS},
            "region_codes": committee.region_codes,
            "department_codes": committee.department_codes,
            "carrying_organisations": carriers,
        }
    )


def committee_exists(session: Session, *, committee_id: uuid.UUID) -> bool:
    return exists(session, select(Committee.id).where(Committee.id == committee_id))


def visible_to(subject: Subject | None) -> ColumnElement[bool]:
    """SQL condition: the committees `subject` may read."""
    if subject is None:
        return col(Committee.is_public).is_(True)
    if subject.is_network_admin:
        return true()
    own = subject.committees_where(Permission.committee_read)
    return or_(col(Committee.is_public).is_(True), col(Committee.id).in_(own) if own else false())


def seen_by(subject: Subject | None) -> tuple[str, frozenset[uuid.UUID]]:
    """Which committees `subject` may see, as `visible_to` says, in a form the prebuilt
    statements take: `all`, `public`, or `own` (public ones and those bound as `own`), with
    the ids to bind."""
    if subject is None:
        return "public", frozenset()
    if subject.is_network_admin:
        return "all", frozenset()
    own = subject.committees_where(Permission.committee_read)
    return ("own", own) if own else ("public", own)


# `visible_to` for each kind of caller `seen_by` names, built once.
_IS_PUBLIC = col(Committee.is_public).is_(True)
VISIBLE_AS: dict[str, ColumnElement[bool]] = {
    "all": true(),
    "public": _IS_PUBLIC,
    "own": or_(_IS_PUBLIC, col(Committee.id).in_(bindparam("own", expanding=True))),
}


def get_committee(
    session: Session,
    *,
    committee_id: uuid.UUID,
    subject: Subject | None,
    territories: bool = True,
) -> Committee:
    """The committee, or 404 when it does not exist or `subject` may not see it. Without
    `territories`, they are not read with it (a guard needs only the row)."""
    stmt = select(Committee).where(Committee.id == committee_id, visible_to(subject))
    if not territories:
        stmt = stmt.options(lazyload(Committee.territories))  # type: ignore[arg-type]
    committee = session.exec(stmt).first()
    if committee is None:
        raise CommitteeNotFound()
    return committee


def find_by_reference(session: Session, reference: str) -> list[Committee]:
    """The committees an operator may mean by `reference`: its id, its short name ("CLTS
    07", any case) or, failing those, a département or region code it covers ("07")."""
    try:
        found = session.get(Committee, uuid.UUID(reference))
        return [found] if found is not None else []
    except ValueError:
        pass
    named = select(Committee).where(func.lower(Committee.short_name) == reference.strip().lower())
    committees = list(session.exec(named).all())
    if not committees:
        covering = select(CommitteeTerritory.committee_id).where(
            CommitteeTerritory.code == reference.strip().upper()
        )
        committees = list(
            session.exec(select(Committee).where(col(Committee.id).in_(covering))).all()
        )
    return committees


def unknown_ids(session: Session, committee_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Those of `committee_ids` no committee has."""
    found = set(session.exec(select(Committee.id).where(col(Committee.id).in_(committee_ids))))
    return [c for c in committee_ids if c not in found]


def create_committee(
    session: Session, *, data: CommitteeCreate, actor_id: uuid.UUID | None
) -> Committee:
    since = data.status_since or today()
    if since > today():
        raise InvalidInput("The status date cannot be in the future.", field="status_since")
    _check_territories(data.scale, data.region_codes, data.department_codes)
    if data.parent_id is not None:
        _check_parent(session, committee_id=None, parent_id=data.parent_id)
    committee = Committee(
        name=data.name,
        short_name=data.short_name,
        search_key=_search_key(data.name, data.short_name),
        scale=data.scale.value,
        parent_id=data.parent_id,
        description=data.description,
        contact_email=str(data.contact_email) if data.contact_email else None,
        is_public=data.is_public,
        status=CommitteeStatus.reflection.value,
        status_since=since,
    )
    committee.territories = _territory_rows(committee.id, data.region_codes, data.department_codes)
    store(session, committee)
    organisations.set_carriers(
        session, committee_id=committee.id, organisation_ids=data.carrying_organisation_ids
    )
    session.add(
        CommitteeStatusChange(
            committee_id=committee.id,
            seq=1,
            status=committee.status,
            effective_on=since,
            recorded_by=actor_id,
        )
    )
    session.flush()
    clients.rebind_committee(
        session, committee_id=committee.id, department_codes=data.department_codes
    )
    return committee


# The fields of a committee that place it in the network: changing one takes `committee:move`.
NETWORK_FIELDS = frozenset({"parent_id", "scale", "region_codes", "department_codes"})


def _moved(committee: Committee, data: CommitteeUpdate) -> set[str]:
    """The network fields `data` changes (one sent with its current value changes nothing)."""
    sent = data.model_dump(exclude_unset=True, include=set(NETWORK_FIELDS))
    current = {
        "parent_id": committee.parent_id,
        "scale": Scale(committee.scale),
        "region_codes": set(committee.region_codes),
        "department_codes": set(committee.department_codes),
    }
    return {
        field
        for field, value in sent.items()
        if (set(value) if field.endswith("_codes") else value) != current[field]
    }


def update_committee(
    session: Session,
    *,
    committee: Committee,
    data: CommitteeUpdate,
    subject: Subject,
    if_match: str | None,
) -> Committee:
    # Checked before If-Match: a caller who may not make the change need not reload to learn it.
    if _moved(committee, data) and not subject.can(Permission.committee_move, committee.id):
        raise NetworkDecision()
    changes = patch_changes(data)
    scale = Scale(changes.get("scale", committee.scale))
    regions = changes.get("region_codes", committee.region_codes)
    departments = changes.get("department_codes", committee.department_codes)
    territories_sent = bool({"scale", "region_codes", "department_codes"} & changes.keys())
    if territories_sent:
        _check_territories(scale, regions, departments)
    if changes.get("parent_id") is not None:
        _check_parent(session, committee_id=committee.id, parent_id=changes["parent_id"])
    if "carrying_organisation_ids" in changes:
        organisations.check_carriers(session, changes["carrying_organisation_ids"])
    etags.require_match(if_match, committee.version)
    if territories_sent:
        committee.territories = _territory_rows(committee.id, regions, departments)
        clients.rebind_committee(session, committee_id=committee.id, department_codes=departments)
    if "contact_email" in changes and changes["contact_email"] is not None:
        changes["contact_email"] = str(changes["contact_email"])
    if "scale" in changes:
        changes["scale"] = scale.value
    if "carrying_organisation_ids" in changes:
        organisations.set_carriers(
            session,
            committee_id=committee.id,
            organisation_ids=changes["carrying_organisation_ids"],
        )
    for field in (
        "name", "short_name", "scale", "parent_id", "description", "contact_email", "is_public",
    ):  # fmt: skip
        if field in changes:
            setattr(committee, field, changes[field])
    committee.search_key = _search_key(committee.name, committee.short_name)
    # Also bumps the version when only territories changed
    save(session, committee)
    return committee


def delete_committee(session: Session, *, committee: Committee, if_match: str | None) -> None:
    etags.require_match(if_match, committee.version)
    if exists(session, select(Committee.id).where(Committee.parent_id == committee.id)):
        raise CommitteeHasChildren()
    # The creation step goes with the committee; any later status change is history, and its
    # foreign key refuses, as do those of meetings, memberships and everything else it holds.
    created = session.exec(
        select(CommitteeStatusChange).where(
            CommitteeStatusChange.committee_id == committee.id, CommitteeStatusChange.seq == 1
        )
    ).all()
    delete_unless_referenced(session, committee, CommitteeHasHistory, parts=created)


def _search_key(name: str, short_name: str | None) -> str:
    return fold(f"{name} {short_name or ''}".strip())


def _territory_rows(
    committee_id: uuid.UUID, regions: list[str], departments: list[str]
) -> list[CommitteeTerritory]:
    kinds = [("region", c) for c in regions] + [("department", c) for c in departments]
    return [CommitteeTerritory(committee_id=committee_id, kind=k, code=c) for k, c in kinds]


def _check_territories(scale: Scale, regions: list[str], departments: list[str]) -> None:
    """Territories exist in the COG and fit the committee's scale."""
    if unknown := territories.unknown_regions(regions):
        raise InvalidInput(
            f"Unknown INSEE region codes: {', '.join(unknown)}.", field="region_codes"
        )
    if unknown := territories.unknown_departments(departments):
        raise InvalidInput(
            f"Unknown INSEE département codes: {', '.join(unknown)}.", field="department_codes"
        )
    if scale == Scale.regional:
        if not regions:
            raise InvalidInput("A regional committee names its region.", field="region_codes")
        outside = [
            d for d in departments if territories.get_department(d).region_code not in regions
        ]
        if outside:
            raise InvalidInput(
                f"Départements outside the committee's regions: {', '.join(outside)}.",
                field="department_codes",
            )
    elif scale in (Scale.departmental, Scale.local):
        if len(departments) != 1 or regions:
            raise InvalidInput(
                f"A {scale.value} committee covers exactly one département and no region.",
                field="department_codes",
            )
    elif len(departments) < 2 or regions:
        raise InvalidInput(
            "An interdepartmental committee covers two or more départements and no region.",
            field="department_codes",
        )


def _check_parent(
    session: Session, *, committee_id: uuid.UUID | None, parent_id: uuid.UUID
) -> None:
    """The parent exists and is not the committee itself nor one of its descendants."""
    current: uuid.UUID | None = parent_id
    for _ in range(32):
        if current is None:
            return
        if current == committee_id:
            raise InvalidInput("A committee cannot be its own ancestor.", field="parent_id")
        parent = session.get(Committee, current)
        if parent is None:
            raise InvalidInput("No committee with this parent_id.", field="parent_id")
        current = parent.parent_id
    raise InvalidInput("The chain of parents is too deep.", field="parent_id")
