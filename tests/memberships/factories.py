"""Terms of people in committees: through the service (`make_membership`), or straight into
the table (`insert_membership`, `make_member`: no event, for speed)."""

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.committees.models import Committee
from api.memberships import service_terms
from api.memberships.models import Membership
from api.memberships.schemas import MembershipCreate
from api.people.models import Person
from tests.factories import save
from tests.people.factories import make_person

# The services take the caller; factories act as the network's admin.
_NETWORK_ADMIN = Subject(user_id=uuid.uuid4(), email="factory@example.org", is_network_admin=True)


def make_membership(
    session: Session, *, committee: Committee, person: Person | None = None, **overrides: Any
) -> Membership:
    """A term of `person` (a new one by default) in `committee`, from 2024-01-01, open-ended."""
    person = person or make_person(session)
    fields: dict[str, Any] = {
        "person_id": str(person.id),
        "role": "member",
        "start_on": date(2024, 1, 1),
    } | overrides
    return service_terms.create_membership(
        session,
        committee_id=committee.id,
        data=MembershipCreate.model_validate(fields),
        subject=_NETWORK_ADMIN,
    )


def insert_membership(
    session: Session, *, committee: Committee, person: Person, **overrides: Any
) -> Membership:
    """A term of `person` in `committee` from 2022-01-01, open-ended, straight into the table."""
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "person_id": person.id,
        "role": "member",
        "start_on": date(2022, 1, 1),
        "sort_key": person.sort_key,
    } | overrides
    return save(session, Membership(**fields))


def make_member(
    session: Session, *, committee: Committee, since: date | None = None, **person_fields: Any
) -> Person:
    """A new person with a term in `committee` (see `insert_membership`), from `since`."""
    person = make_person(session, **person_fields)
    term = {"start_on": since} if since is not None else {}
    insert_membership(session, committee=committee, person=person, **term)
    return person
