"""What the people domain needs from memberships, given without `people` importing this package
(people sit a layer below). Imported by `api/memberships/__init__.py`, so loading any part of
memberships (as `api.tables` does for every entry point) registers it.

`Membership.sort_key` copies `Person.sort_key` for the members list's index. `people` computes
the key (its only writer); this module alone copies it: into each new term, and, through the
listener below, into every term of a person whose key a flush changes, whatever path renamed
them (the API, the demo, a future sync)."""

from typing import Any

from sqlalchemy import Connection, event, inspect, update
from sqlalchemy.orm import Mapper
from sqlmodel import col

from api.memberships.models import Membership
from api.memberships.service import people_in_committees
from api.people.models import Person
from api.people.service import provide_committee_people


def new_term(person: Person, **fields: Any) -> Membership:
    """A membership of `person`, carrying the copy of their sort key."""
    return Membership(person_id=person.id, sort_key=person.sort_key, **fields)


@event.listens_for(Person, "after_update")
def _recopy_sort_key(_mapper: Mapper[Person], connection: Connection, person: Person) -> None:
    if inspect(person).attrs.sort_key.history.has_changes():
        connection.execute(
            update(Membership)
            .where(col(Membership.person_id) == person.id)
            .values(sort_key=person.sort_key)
        )


provide_committee_people(people_in_committees)
