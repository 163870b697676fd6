"""What the people domain needs from memberships, given without `people` importing this package
(people sit a layer below). Imported by `api/memberships/__init__.py`, so loading any part of
memberships (as `api.tables` does for every entry point) registers it.

`Membership.sort_key` copies the person's sort key for the members list's index. `people`
computes the key (its only writer); this module alone copies it: into each new term, and, when
people reports a rename (`on_sort_key_change`), into every term of that person."""

import uuid
from typing import Any

from sqlalchemy import Connection, update
from sqlmodel import col

from api.memberships.models import Membership
from api.memberships.service import people_in_committees
from api.people.models import Person  # as a type only
from api.people.service import on_sort_key_change, provide_committee_people


def new_term(person: Person, **fields: Any) -> Membership:
    """A membership of `person`, carrying the copy of their sort key."""
    return Membership(person_id=person.id, sort_key=person.sort_key, **fields)


def _recopy_sort_key(connection: Connection, person_id: uuid.UUID, sort_key: str) -> None:
    connection.execute(
        update(Membership).where(col(Membership.person_id) == person_id).values(sort_key=sort_key)
    )


on_sort_key_change(_recopy_sort_key)
provide_committee_people(people_in_committees)
