"""Inbox sources built from the models directly (their services are written elsewhere).

Each factory takes the time the item entered the inbox (`at`, default: now), so a test
can order items across kinds."""

import itertools
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlmodel import Session

from api.committees.models import Committee
from api.contributions.models import Contribution, ContributionTransition
from api.core.clock import today, utcnow
from api.hcts.models import Call, Publication, Relay
from api.seminars.models import Seminar

_counter = itertools.count(1)
T = TypeVar("T")


def _save(session: Session, row: T) -> T:
    session.add(row)
    session.flush()
    return row


def make_publication(
    session: Session, *, at: datetime | None = None, **overrides: Any
) -> Publication:
    """A published publication (pass status="draft" for one that is not)."""
    n = next(_counter)
    at = at or utcnow()
    fields: dict[str, Any] = {
        "kind": "report",
        "status": "published",
        "title": f"Rapport HCTS n°{n}",
        "published_on": date(2024, 1, 1),
        "published_at": at if overrides.get("status", "published") == "published" else None,
    } | overrides
    return _save(session, Publication(**fields))


def make_relay(session: Session, *, publication: Publication, committee: Committee) -> Relay:
    relay = Relay(
        publication_id=publication.id,
        committee_id=committee.id,
        relayed_on=today(),
        channel="mailing_list",
    )
    return _save(session, relay)


def make_call(session: Session, *, at: datetime | None = None, **overrides: Any) -> Call:
    """A call open for another week unless `deadline` says otherwise."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "title": f"Appel à candidatures n°{n}",
        "working_group": f"Groupe de travail n°{n}",
        "deadline": today() + timedelta(days=7),
        "created_at": at or utcnow(),
    } | overrides
    return _save(session, Call(**fields))


def make_seminar(session: Session, *, at: datetime | None = None, **overrides: Any) -> Seminar:
    """A seminar starting in a month unless `starts_at` says otherwise."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "title": f"Séminaire n°{n}",
        "starts_at": utcnow() + timedelta(days=30),
        "mode": "in_person",
        "created_at": at or utcnow(),
    } | overrides
    return _save(session, Seminar(**fields))


def make_contribution(session: Session, *, committee: Committee, **overrides: Any) -> Contribution:
    n = next(_counter)
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "kind": "field_question",
        "title": f"Question de terrain n°{n}",
        "body": "Une question remontée du terrain.",
        "status": "submitted",
        "status_since": today(),
    } | overrides
    return _save(session, Contribution(**fields))


def make_transition(
    session: Session,
    *,
    contribution: Contribution,
    to_status: str,
    at: datetime | None = None,
    from_status: str | None = "submitted",
) -> ContributionTransition:
    """A step of the contribution's lifecycle, recorded at `at` (the contribution follows)."""
    transition = ContributionTransition(
        contribution_id=contribution.id,
        from_status=from_status,
        to_status=to_status,
        effective_on=today(),
        recorded_at=at or utcnow(),
    )
    contribution.status = to_status
    session.add(contribution)
    return _save(session, transition)


def make_update(
    session: Session, *, committee: Committee, to_status: str = "acknowledged", **kw: Any
) -> ContributionTransition:
    """A contribution of `committee` that HCTS moved to `to_status`."""
    contribution = make_contribution(session, committee=committee)
    return make_transition(session, contribution=contribution, to_status=to_status, **kw)
