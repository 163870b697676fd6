"""People: records of who takes part. What other domains use is at the top."""

import uuid

from sqlmodel import Session, select

from api.core.problems import Conflict, InvalidInput
from api.core.text import fold
from api.organisations.models import Organisation
from api.people.models import Person
from api.people.schemas import PersonCreate


class ExternalIdTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("A person with this external_id already exists for this source.")


def sort_key(first_name: str, last_name: str) -> str:
    """Lists sort by last name then first name, accent- and case-blind."""
    return fold(f"{last_name} {first_name}")


def find_person(session: Session, *, person_id: uuid.UUID) -> Person | None:
    return session.get(Person, person_id)


def create_person(session: Session, *, data: PersonCreate) -> Person:
    if (data.external_id is None) != (data.source is None):
        raise InvalidInput("external_id and source go together.", field="external_id")
    if data.organisation_id is not None and session.get(Organisation, data.organisation_id) is None:
        raise InvalidInput("No organisation with this id.", field="organisation_id")
    if data.external_id is not None:
        clash = select(Person.id).where(
            Person.source == data.source, Person.external_id == data.external_id
        )
        if session.exec(clash).first() is not None:
            raise ExternalIdTaken()
    person = Person(
        first_name=data.first_name,
        last_name=data.last_name,
        sort_key=sort_key(data.first_name, data.last_name),
        email=str(data.email).lower() if data.email else None,
        phone=data.phone,
        category=data.category.value,
        organisation_id=data.organisation_id,
        external_id=data.external_id,
        source=data.source,
    )
    session.add(person)
    session.flush()
    return person
