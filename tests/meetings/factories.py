"""Factories for meetings and the people who attend them (built from the models, for speed)."""

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.meetings.models import Meeting
from api.memberships.models import Membership
from api.organisations.models import Organisation
from api.people import service as people
from api.people.models import Person
from api.people.schemas import PersonCreate

_counter = itertools.count(1)


def make_meeting(session: Session, *, committee: Committee, **overrides: Any) -> Meeting:
    n = next(_counter)
    starts_at = overrides.pop("starts_at", datetime(2024, 1, 1, 9, tzinfo=UTC) + timedelta(days=n))
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "kind": "body_meeting",
        "title": f"Réunion n°{n}",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "mode": "in_person",
    } | overrides
    meeting = Meeting(**fields)
    session.add(meeting)
    session.flush()
    return meeting


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    n = next(_counter)
    name = overrides.pop("name", f"Association n°{n}")
    organisation = Organisation(
        **({"type": "association", "name": name, "search_key": name.lower()} | overrides)
    )
    session.add(organisation)
    session.flush()
    return organisation


def make_person(session: Session, **overrides: Any) -> Person:
    n = next(_counter)
    fields: dict[str, Any] = {
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "category": "social_worker",
    } | overrides
    return people.create_person(session, data=PersonCreate.model_validate(fields))


def make_membership(
    session: Session, *, committee: Committee, person: Person, **overrides: Any
) -> Membership:
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "person_id": person.id,
        "role": "member",
        "start_on": date(2022, 1, 1),
        "sort_key": person.sort_key,
    } | overrides
    membership = Membership(**fields)
    session.add(membership)
    session.flush()
    return membership


def make_member(session: Session, *, committee: Committee, **person_fields: Any) -> Person:
    """A person with a membership of `committee`."""
    person = make_person(session, **person_fields)
    make_membership(session, committee=committee, person=person)
    return person
