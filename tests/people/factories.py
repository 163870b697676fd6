"""People for tests (through the service), their terms in committees and their logins."""

import itertools
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.models import User
from api.committees.models import Committee
from api.memberships.models import Membership
from api.people import service
from api.people.models import Person
from api.people.schemas import PersonCreate

_counter = itertools.count(1)


def make_person(session: Session, **overrides: Any) -> Person:
    n = next(_counter)
    fields: dict[str, Any] = {
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "category": "social_worker",
    } | overrides
    return service.create_person(session, data=PersonCreate.model_validate(fields))


def add_membership(
    session: Session,
    person: Person,
    committee: Committee,
    *,
    start_on: date = date(2023, 1, 1),
    end_on: date | None = None,
    role: str = "member",
) -> Membership:
    """A term straight into the table: the members endpoints are another domain's."""
    membership = Membership(
        committee_id=committee.id,
        person_id=person.id,
        role=role,
        start_on=start_on,
        end_on=end_on,
        sort_key=person.sort_key,
    )
    session.add(membership)
    session.flush()
    return membership


def link(session: Session, user: User, person: Person) -> None:
    """Make `person` the record of `user`'s login."""
    user.person_id = person.id
    session.add(user)
    session.flush()
