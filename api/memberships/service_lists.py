"""Reading memberships: a person's terms, one term; what the members list shares with them."""

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core.pagination import paginate
from api.core.problems import NotFound
from api.memberships.models import Membership
from api.memberships.schemas import MembershipPage, MembershipPublic
from api.memberships.service import MEMBERSHIP_COLUMNS, MembershipNotFound, status_on
from api.people.models import Person
from api.people.service import find_person

# The person summary, read in the same query as the terms: no ORM objects, no per-row query.
_PERSON_COLUMNS: list[Any] = [
    col(Person.first_name),
    col(Person.last_name),
    col(Person.category),
    col(Person.organisation_id),
]
MEMBER_SELECT = select(*MEMBERSHIP_COLUMNS, *_PERSON_COLUMNS).join(
    Person, col(Person.id) == col(Membership.person_id)
)


def list_of_person(
    session: Session,
    *,
    person_id: uuid.UUID,
    subject: Subject,
    day: date,
    limit: int,
    cursor: str | None,
) -> MembershipPage:
    """Every term of the person the caller may read, oldest first.

    The person sees all of theirs, network_admin everyone's, a committee admin the terms in the
    committees they administer; a caller who may read none of the person's terms gets a 404."""
    if find_person(session, person_id=person_id) is None:
        raise PersonNotFound()
    everything = subject.is_network_admin or subject.person_id == person_id
    stmt = MEMBER_SELECT.where(col(Membership.person_id) == person_id)
    if not everything:
        stmt = stmt.where(
            col(Membership.committee_id).in_(subject.committees_where(Permission.members_read))
        )
    rows, next_cursor = paginate(
        session,
        stmt,
        keys=[col(Membership.start_on), col(Membership.id)],
        limit=limit,
        cursor=cursor,
    )
    if not rows and cursor is None and not everything:
        raise PersonNotFound()  # its existence must not leak to other committees' admins
    return _page(rows, next_cursor, day)


class PersonNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No person with this id.")


def get_public(session: Session, *, membership_id: uuid.UUID, day: date) -> MembershipPublic:
    row = session.exec(MEMBER_SELECT.where(col(Membership.id) == membership_id)).first()
    if row is None:
        raise MembershipNotFound()
    return MembershipPublic.model_validate(member_item(row, day))


def _page(rows: list[Any], next_cursor: str | None, day: date) -> MembershipPage:
    # One validation call for the whole page, not one per row; field names read once.
    return MembershipPage.model_validate(
        {"items": [member_item(row, day) for row in rows], "next_cursor": next_cursor}
    )


def member_item(row: Any, day: date) -> dict[str, Any]:
    """A row of `MEMBER_SELECT` (unpacked in its order) as a `MembershipPublic`'s fields."""
    (
        id_, committee_id, person_id, body_id, role, start_on, end_on, card_number,
        renewal_of_id, external_id, source, created_at, updated_at, _sort_key,
        first_name, last_name, category, organisation_id,
    ) = row  # fmt: skip
    return {
        "id": id_,
        "committee_id": committee_id,
        "person_id": person_id,
        "body_id": body_id,
        "role": role,
        "start_on": start_on,
        "end_on": end_on,
        "card_number": card_number,
        "status": status_on(day, start_on, end_on),
        "renewal_of_id": renewal_of_id,
        "external_id": external_id,
        "source": source,
        "person": {
            "id": person_id,
            "first_name": first_name,
            "last_name": last_name,
            "category": category,
            "organisation_id": organisation_id,
        },
        "created_at": created_at,
        "updated_at": updated_at,
    }
