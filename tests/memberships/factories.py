"""People and their terms, built through the services."""

import itertools
import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Subject
from api.committees.models import Committee
from api.memberships import service_terms
from api.memberships.models import Membership
from api.memberships.schemas import MembershipCreate
from api.people.models import Person
from api.people.schemas import PersonCreate
from api.people.service import create_person

_counter = itertools.count(1)
# The services take the caller; factories act as the network's admin.
_NETWORK_ADMIN = Subject(user_id=uuid.uuid4(), email="factory@example.org", is_network_admin=True)


def make_person(session: Session, **overrides: Any) -> Person:
    n = next(_counter)
    fields: dict[str, Any] = {
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "category": "social_worker",
    } | overrides
    return create_person(session, data=PersonCreate.model_validate(fields))


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


def link(session: Session, user: User, person: Person) -> None:
    """Make `person` the person record of `user`'s login."""
    user.person_id = person.id
    session.add(user)
    session.flush()
