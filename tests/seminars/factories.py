"""Factories for seminars and registrations (built from the models, for speed)."""

import itertools
from datetime import timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.core.clock import utcnow
from api.organisations.models import Organisation
from api.people.models import Person
from api.seminars.models import Seminar, SeminarRegistration

_counter = itertools.count(1)


def make_seminar(session: Session, **overrides: Any) -> Seminar:
    """A seminar a month from now unless `starts_at` says otherwise."""
    n = next(_counter)
    starts_at = overrides.pop("starts_at", utcnow() + timedelta(days=30 + n))
    fields: dict[str, Any] = {
        "title": f"Séminaire du réseau n°{n}",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=6),
        "mode": "in_person",
    } | overrides
    seminar = Seminar(**fields)
    session.add(seminar)
    session.flush()
    return seminar


def make_registration(
    session: Session,
    *,
    seminar: Seminar,
    committee: Committee,
    person: Person,
    **overrides: Any,
) -> SeminarRegistration:
    organisation = (
        session.get(Organisation, person.organisation_id) if person.organisation_id else None
    )
    fields: dict[str, Any] = {
        "seminar_id": seminar.id,
        "committee_id": committee.id,
        "person_id": person.id,
        "category": person.category,
        "organisation_id": person.organisation_id,
        "organisation_name": organisation.name if organisation else None,
    } | overrides
    registration = SeminarRegistration(**fields)
    session.add(registration)
    session.flush()
    return registration
