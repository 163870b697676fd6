"""Reading memberships: a person's terms, one term; what the members list shares with them."""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Row, bindparam
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core.pagination import paginate
from api.memberships.models import Membership
from api.memberships.schemas import MembershipPublic
from api.memberships.service import (
    MEMBERSHIP_COLUMNS,
    MembershipNotFound,
    in_force_on,
    status_on,
)
from api.people.service import PERSON, PersonNotFound, find_person, join_person

# The person summary, read in the same query as the terms: no ORM objects, no per-row query.
_PERSON_COLUMNS: list[Any] = [
    PERSON.first_name,
    PERSON.last_name,
    PERSON.category,
    PERSON.organisation_id,
]
MEMBER_SELECT = join_person(
    select(*MEMBERSHIP_COLUMNS, *_PERSON_COLUMNS), col(Membership.person_id)
)


def list_of_person(
    session: Session,
    *,
    person_id: uuid.UUID,
    subject: Subject,
    day: date,
    as_of: date | None = None,
    updated_since: datetime | None = None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Every term of the person the caller may read, oldest first, `status` relative to
    `day`; with `as_of`, only the terms covering that day, `status` relative to it.

    The person sees all of theirs, network_admin everyone's, a committee admin the terms in the
    committees they administer; a caller who may read none of the person's terms gets a 404."""
    if find_person(session, person_id=person_id) is None:
        raise PersonNotFound()
    everything = subject.is_network_admin or subject.person_id == person_id
    readable = MEMBER_SELECT.where(col(Membership.person_id) == person_id)
    if not everything:
        readable = readable.where(
            col(Membership.committee_id).in_(subject.committees_where(Permission.members_read))
        )
    stmt = readable if as_of is None else readable.where(in_force_on(as_of))
    if updated_since is not None:
        stmt = stmt.where(col(Membership.updated_at) >= updated_since)
    order = [col(Membership.start_on), col(Membership.id)]
    rows, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    # Its existence must not leak to other committees' admins; for those who may read some
    # of its terms, a day without one is an empty page.
    none_seen = not rows and cursor is None and not everything
    narrowed = as_of is not None or updated_since is not None
    if none_seen and (not narrowed or session.execute(readable.limit(1)).first() is None):
        raise PersonNotFound()
    # Plain dicts: the route's respond_page validates the page once.
    on = day if as_of is None else as_of
    return [member_item(row, on) for row in rows], next_cursor


# One term with its person and its version, built once: the GET's guard loads it and the GET
# answers from it (api.memberships.deps).
_ONE = MEMBER_SELECT.add_columns(col(Membership.version)).where(
    col(Membership.id) == bindparam("membership_id")
)


def find_member_row(session: Session, *, membership_id: uuid.UUID) -> Row[Any] | None:
    """The term as the lists read it (`member_item` makes it public), with its version."""
    # Plain columns: the Core connection skips the ORM's compile and load layers.
    return session.connection().execute(_ONE, {"membership_id": membership_id}).first()


def get_public(session: Session, *, membership_id: uuid.UUID, day: date) -> MembershipPublic:
    """The term as a write answers it (through the session: what it changed is flushed)."""
    row = session.execute(_ONE, {"membership_id": membership_id}).first()
    if row is None:
        raise MembershipNotFound()
    return MembershipPublic.model_validate(member_item(row, day))


class MemberRow(NamedTuple):
    """A row of `MEMBER_SELECT`, its fields named as the query's columns."""

    id: uuid.UUID
    committee_id: uuid.UUID
    person_id: uuid.UUID
    body_id: uuid.UUID | None
    role: str
    start_on: date
    end_on: date | None
    card_number: str | None
    renewal_of_id: uuid.UUID | None
    external_id: str | None
    source: str | None
    created_at: datetime
    updated_at: datetime
    first_name: str
    last_name: str
    category: str
    organisation_id: uuid.UUID | None


def row_picker(columns: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The row's values in `MemberRow`'s order, found by column name once (a missing column
    fails at import, a reordered query changes nothing); faster than name lookups per row."""
    return itemgetter(*(columns.index(name) for name in MemberRow._fields))


_pick = row_picker(list(MEMBER_SELECT.selected_columns.keys()))


def member_item(
    row: Any, day: date, pick: Callable[[Any], tuple[Any, ...]] = _pick
) -> dict[str, Any]:
    """A row of `MEMBER_SELECT` as a `MembershipPublic`'s fields."""
    m = MemberRow._make(pick(row))
    return {
        "id": m.id,
        "committee_id": m.committee_id,
        "person_id": m.person_id,
        "body_id": m.body_id,
        "role": m.role,
        "start_on": m.start_on,
        "end_on": m.end_on,
        "card_number": m.card_number,
        "status": status_on(day, m.start_on, m.end_on),
        "renewal_of_id": m.renewal_of_id,
        "external_id": m.external_id,
        "source": m.source,
        "person": {
            "id": m.person_id,
            "first_name": m.first_name,
            "last_name": m.last_name,
            "category": m.category,
            "organisation_id": m.organisation_id,
        },
        "created_at": m.created_at,
        "updated_at": m.updated_at,
    }
