"""HCTS axes, publications, relays, calls, candidatures and mandates.

Axes and publications go through the services (`insert_publication` straight into the table,
dated when it entered committees' inboxes); the rest is built from the models, for speed
(their services want a caller)."""

import itertools
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.core.clock import today, utcnow
from api.hcts import service_publications
from api.hcts.models import Axis, Call, Candidature, Mandate, Publication, Relay
from api.hcts.schemas_publications import AxisCreate, PublicationCreate
from api.people.models import Person
from tests.factories import save
from tests.memberships.factories import make_member

_counter = itertools.count(1)


def make_axis(session: Session, **overrides: Any) -> Axis:
    n = next(_counter)
    fields: dict[str, Any] = {
        "code": f"axe-{n}",
        "title": f"Axe n°{n}",
        "starts_in": 2020,
        "ends_in": 2021,
    } | overrides
    return service_publications.create_axis(session, data=AxisCreate.model_validate(fields))


def make_publication(
    session: Session, *, status: str = "published", **overrides: Any
) -> Publication:
    """A publication (published by default: what committees see and relay)."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "kind": "report",
        "title": f"Rapport n°{n}",
        "published_on": date(2023, 1, 1),
    } | overrides
    publication = service_publications.create_publication(
        session, data=PublicationCreate.model_validate(fields)
    )
    if status == "published":
        publication = service_publications.publish_publication(
            session, publication=publication, if_match=None
        )
    return publication


def insert_publication(
    session: Session, *, at: datetime | None = None, **overrides: Any
) -> Publication:
    """A publication published at `at` (default: now), straight into the table; pass
    status="draft" for one that is not published."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "kind": "report",
        "status": "published",
        "title": f"Rapport du HCTS n°{n}",
        "published_on": date(2024, 1, 1),
    } | overrides
    if fields["status"] == "published":
        fields.setdefault("published_at", at or utcnow())
    return save(session, Publication(**fields))


def make_relay(
    session: Session, *, publication: Publication, committee: Committee, **overrides: Any
) -> Relay:
    fields: dict[str, Any] = {
        "publication_id": publication.id,
        "committee_id": committee.id,
        "relayed_on": date(2023, 2, 1),
        "channel": "mailing_list",
    } | overrides
    return save(session, Relay(**fields))


def make_call(session: Session, *, at: datetime | None = None, **overrides: Any) -> Call:
    """An open call (deadline in a month) unless told otherwise, created at `at` (default: now)."""
    n = next(_counter)
    fields: dict[str, Any] = (
        {
            "title": f"Appel à candidatures n°{n}",
            "working_group": f"Groupe de travail n°{n}",
            "deadline": today() + timedelta(days=30),
        }
        | ({"created_at": at} if at else {})
        | overrides
    )
    return save(session, Call(**fields))


def make_candidature(
    session: Session,
    *,
    call: Call,
    committee: Committee,
    person: Person | None = None,
    **overrides: Any,
) -> Candidature:
    person = person or make_member(session, committee=committee)
    fields: dict[str, Any] = {
        "call_id": call.id,
        "committee_id": committee.id,
        "person_id": person.id,
    } | overrides
    return save(session, Candidature(**fields))


def make_mandate(
    session: Session,
    *,
    committee: Committee,
    person: Person | None = None,
    **overrides: Any,
) -> Mandate:
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "role": "titular",
        "seat": "plenary",
        "starts_on": date(2020, 1, 1),
    } | overrides
    # A member of the committee when the mandate begins.
    person = person or make_member(session, committee=committee, since=fields["starts_on"])
    fields["person_id"] = person.id
    return save(session, Mandate(**fields))
