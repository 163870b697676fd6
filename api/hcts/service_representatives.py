"""The committees' college at HCTS: who holds which seat, and who sits on a given day.

"Who sits today" is one SQL statement: the mandates in force, joined with the names of their
people and committees, filtered to the committees the caller may see, keyset-paged.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, case, or_
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.committees.service import COMMITTEE, join_committee
from api.core import etags
from api.core.pagination import RowsPage, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import exists, first_or_raise, where_given
from api.core.writes import apply_changes, patch_changes, store
from api.hcts.models import MANDATE_SEATS, Mandate
from api.hcts.schemas_representatives import (
    MandateCreate,
    MandatePublic,
    MandateRole,
    MandateSeat,
    MandateUpdate,
)
from api.memberships import service as memberships
from api.outbox.service import emit
from api.people import service as people
from api.people.service import PERSON, join_person


class MandateNotFound(NotFound):
    default_detail = "No mandate with this id."


class OverlappingMandate(Conflict):
    default_detail = (
        "This person already holds a mandate on this seat over part of these dates; "
        "end that mandate first."
    )


@dataclass(frozen=True)
class MandateFilters:
    as_of: date
    all_mandates: bool = False
    seat: MandateSeat | None = None
    role: MandateRole | None = None
    committee_id: uuid.UUID | None = None


# The order of the college: seats as the model lists them (plenary first), titulars before
# substitutes, then by name (the person's folded "last first" key) and id.
_SEAT_RANK = case(
    *((col(Mandate.seat) == seat, rank) for rank, seat in enumerate(MANDATE_SEATS)),
    else_=len(MANDATE_SEATS),
).label("seat_rank")
_ROLE_RANK = case((col(Mandate.role) == MandateRole.titular.value, 0), else_=1).label("role_rank")

_COLUMNS: list[Any] = [
    col(Mandate.id),
    col(Mandate.person_id),
    PERSON.first_name,
    PERSON.last_name,
    PERSON.sort_key,
    col(Mandate.committee_id),
    COMMITTEE.name,
    COMMITTEE.short_name,
    col(Mandate.role),
    col(Mandate.seat),
    col(Mandate.seat_label),
    col(Mandate.starts_on),
    col(Mandate.ends_on),
    col(Mandate.created_at),
    col(Mandate.updated_at),
    col(Mandate.version),
    _SEAT_RANK,
    _ROLE_RANK,
]
_SELECT = join_committee(
    join_person(select(*_COLUMNS), col(Mandate.person_id)), col(Mandate.committee_id)
)


def _public(row: Any) -> dict[str, Any]:
    """A `MandatePublic`'s fields, by name (a list writes them as they are)."""
    m = row._mapping
    fields = ("id", "role", "seat", "seat_label", "starts_on", "ends_on")
    return {
        **{k: m[k] for k in fields},
        "created_at": m["created_at"],
        "updated_at": m["updated_at"],
        "person": {
            "id": m["person_id"],
            "first_name": m["first_name"],
            "last_name": m["last_name"],
        },
        "committee": {
            "id": m["committee_id"],
            "name": m["name"],
            "short_name": m["short_name"],
        },
    }


def list_mandates(
    session: Session,
    *,
    subject: Subject | None,
    filters: MandateFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """Who sits on `as_of` (or every mandate), on committees the caller may see: one query."""
    stmt = _SELECT.where(committees.visible_to(subject))
    if not filters.all_mandates:
        day = filters.as_of
        stmt = stmt.where(
            col(Mandate.starts_on) <= day,
            or_(col(Mandate.ends_on).is_(None), col(Mandate.ends_on) >= day),
        )
    stmt = where_given(
        stmt,
        (col(Mandate.seat), filters.seat),
        (col(Mandate.role), filters.role),
        (col(Mandate.committee_id), filters.committee_id),
    )
    order = [_SEAT_RANK, _ROLE_RANK, PERSON.sort_key, col(Mandate.id)]
    rows, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    return [_public(row) for row in rows], next_cursor


def find_mandate(session: Session, *, mandate_id: uuid.UUID, subject: Subject | None) -> Mandate:
    """The mandate, or 404 when it does not exist or its committee is hidden from `subject`."""
    found = join_committee(select(Mandate), col(Mandate.committee_id)).where(
        Mandate.id == mandate_id, committees.visible_to(subject)
    )
    return first_or_raise(session, found, MandateNotFound())


# A GET's one statement: the answer, its version and what the guard decides on (whether its
# committee is public).
_MANDATE_BY_ID = _SELECT.add_columns(COMMITTEE.is_public).where(
    col(Mandate.id) == bindparam("mandate_id")
)


def read_mandate(
    connection: Connection, *, mandate_id: uuid.UUID, subject: Subject | None
) -> tuple[dict[str, Any], int]:
    """`find_mandate` and `show_mandate` in one statement: the mandate's `MandatePublic`
    fields and version, or 404 when it does not exist or its committee is hidden."""
    row = connection.execute(_MANDATE_BY_ID, {"mandate_id": mandate_id}).first()
    if row is None or not sees_committee(subject, row.committee_id, is_public=row.is_public):
        raise MandateNotFound()
    return _public(row), row.version


def sees_committee(subject: Subject | None, committee_id: uuid.UUID, *, is_public: bool) -> bool:
    """`committees.visible_to` for a committee already read: its publicity and the caller's
    grants decide, without a statement."""
    return is_public or (
        subject is not None and subject.can(Permission.committee_read, committee_id)
    )


def show_mandate(session: Session, *, mandate_id: uuid.UUID) -> tuple[MandatePublic, int]:
    """The mandate as clients see it, and its version (the ETag)."""
    row = session.exec(_SELECT.where(col(Mandate.id) == mandate_id)).one()
    return MandatePublic.model_validate(_public(row)), row.version


# What a mandate's holder is checked against: changing none of them keeps an older mandate's
# holder as it was accepted.
_HOLDER_FIELDS = frozenset({"person_id", "committee_id", "starts_on"})


def _check(
    session: Session, mandate: Mandate, *, mandate_id: uuid.UUID | None, holder: bool = True
) -> None:
    """The rules a mandate's values must keep, whether created or changed (`holder`: whether
    its holder, committee or start is new)."""
    if mandate.ends_on is not None and mandate.ends_on < mandate.starts_on:
        raise InvalidInput("ends_on must be on or after starts_on.", field="ends_on")
    if not committees.committee_exists(session, committee_id=mandate.committee_id):
        raise InvalidInput("No committee with this id.", field="committee_id")
    if people.find_person(session, person_id=mandate.person_id) is None:
        raise InvalidInput("No person with this id.", field="person_id")
    # The college's seat is the committee's: its holder is one of its members when it begins.
    if holder and not memberships.is_current_member(
        session,
        person_id=mandate.person_id,
        committee_id=mandate.committee_id,
        day=mandate.starts_on,
    ):
        raise InvalidInput(
            f"This person held no term in the committee on starts_on "
            f"({mandate.starts_on.isoformat()}).",
            field="person_id",
        )
    overlapping = select(Mandate.id).where(
        Mandate.person_id == mandate.person_id,
        Mandate.seat == mandate.seat,
        or_(col(Mandate.ends_on).is_(None), col(Mandate.ends_on) >= mandate.starts_on),
    )
    if mandate.ends_on is not None:
        overlapping = overlapping.where(col(Mandate.starts_on) <= mandate.ends_on)
    if mandate_id is not None:
        overlapping = overlapping.where(Mandate.id != mandate_id)
    if exists(session, overlapping):
        raise OverlappingMandate()


def create_mandate(session: Session, *, data: MandateCreate) -> tuple[MandatePublic, int]:
    mandate = Mandate(**data.model_dump() | {"role": data.role.value, "seat": data.seat.value})
    _check(session, mandate, mandate_id=None)
    store(session, mandate)
    _emit(session, "hcts.mandate.created", mandate)
    return show_mandate(session, mandate_id=mandate.id)


def update_mandate(
    session: Session, *, mandate: Mandate, data: MandateUpdate, if_match: str | None
) -> tuple[MandatePublic, int]:
    changes = patch_changes(data)
    for field in ("role", "seat"):
        if changes.get(field) is not None:
            changes[field] = str(changes[field])
    # Checked on a detached copy, so a refused change leaves nothing dirty in the session.
    candidate = Mandate.model_validate(mandate.model_dump() | changes)
    _check(session, candidate, mandate_id=mandate.id, holder=bool(_HOLDER_FIELDS & changes.keys()))
    etags.require_match(if_match, mandate.version)
    apply_changes(session, mandate, changes)
    _emit(session, "hcts.mandate.updated", mandate)
    return show_mandate(session, mandate_id=mandate.id)


def delete_mandate(session: Session, *, mandate: Mandate, if_match: str | None) -> None:
    etags.require_match(if_match, mandate.version)
    _emit(session, "hcts.mandate.deleted", mandate)
    session.delete(mandate)
    session.flush()


def _emit(session: Session, type: str, mandate: Mandate) -> None:
    emit(
        session,
        type,
        committee_id=mandate.committee_id,
        payload={
            "mandate_id": mandate.id,
            "person_id": mandate.person_id,
            "seat": mandate.seat,
            "role": mandate.role,
            "starts_on": mandate.starts_on,
            "ends_on": mandate.ends_on,
        },
    )
