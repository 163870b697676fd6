"""People for tests (through the service), and the person record of a login."""

import itertools
from typing import Any

from sqlmodel import Session

from api.auth.models import User
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


def link(session: Session, user: User, person: Person) -> None:
    """Make `person` the person record of `user`'s login."""
    user.person_id = person.id
    session.add(user)
    session.flush()
