"""Seminars and registrations (built from the models, for speed)."""

import itertools
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.core.clock import utcnow
from api.organisations.models import Organisation
from api.people.models import Person
from api.seminars.models import Seminar, SeminarRegistration
from tests.factories import save

_counter = itertools.count(1)


def make_seminar(session: Session, *, at: datetime | None = None, **overrides: Any) -> Seminar:
    """A seminar a month from now unless `starts_at` says otherwise, created at `at` (default:
    now)."""
    n = next(_counter)
    starts_at = overrides.pop("starts_at", utcnow() + timedelta(days=30 + n))
    fields: dict[str, Any] = (
        {
            "title": f"Séminaire du réseau n°{n}",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=6),
            "mode": "in_person",
        }
        | ({"created_at": at} if at else {})
        | overrides
    )
    return save(session, Seminar(**fields))


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
    return save(session, SeminarRegistration(**fields))
