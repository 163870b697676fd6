"""Contributions built through the services, walked along their lifecycle
(`make_contribution`), or straight into the table with the steps a test wants
(`insert_contribution`, `make_transition`)."""

import itertools
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Role, Subject
from api.auth.service import load_subject
from api.committees.models import Committee
from api.contributions import service, service_transitions
from api.contributions.models import Contribution, ContributionTransition
from api.contributions.schemas import ContributionCreate, ContributionTransitionCreate
from api.core.clock import today, utcnow
from tests.factories import make_user, save

_counter = itertools.count(1)
# The moves from draft that reach each status (an outcome is reached through acknowledged).
PATH: dict[str, list[str]] = {
    "draft": [],
    "submitted": ["submitted"],
    "acknowledged": ["submitted", "acknowledged"],
    "taken_up": ["submitted", "acknowledged", "taken_up"],
    "answered": ["submitted", "acknowledged", "answered"],
    "declined": ["submitted", "acknowledged", "declined"],
}
STATUSES = list(PATH)


def network_subject(session: Session) -> Subject:
    user = make_user(session, role=Role.network_admin)
    subject = load_subject(session, user_id=user.id, issued_at=int(utcnow().timestamp()))
    assert subject is not None
    return subject


def make_contribution(
    session: Session,
    *,
    committee: Committee,
    status: str = "draft",
    dates: list[date] | None = None,
    **overrides: Any,
) -> Contribution:
    """A contribution of `committee` walked to `status` (each step dated by `dates`, if
    given); the outcomes that need HCTS's response get one."""
    subject = network_subject(session)
    fields: dict[str, Any] = {
        "committee_id": str(committee.id),
        "kind": "field_question",
        "title": f"Remontée n°{next(_counter)}",
        "body": "Une question de terrain à porter au HCTS.",
    } | overrides
    contribution = service.create_contribution(
        session, subject=subject, data=ContributionCreate.model_validate(fields)
    )
    for i, step in enumerate(PATH[status]):
        move: dict[str, Any] = {"to": step}
        if step in ("answered", "declined"):
            move["response"] = "Réponse du HCTS."
        if dates is not None:
            move["effective_on"] = dates[i].isoformat()
        contribution = service_transitions.change_status(
            session,
            contribution=contribution,
            data=ContributionTransitionCreate.model_validate(move),
            subject=subject,
            if_match=None,
        )
    return contribution


def insert_contribution(
    session: Session, *, committee: Committee, **overrides: Any
) -> Contribution:
    """A contribution of `committee` in `status` (default: submitted, today), no step recorded."""
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "kind": "field_question",
        "title": f"Question de terrain n°{next(_counter)}",
        "body": "Une question remontée du terrain.",
        "status": "submitted",
        "status_since": today(),
    } | overrides
    return save(session, Contribution(**fields))


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
    return save(session, transition)
