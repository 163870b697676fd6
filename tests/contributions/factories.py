"""Contributions built through the services, walked along their lifecycle."""

import itertools
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Role, Subject
from api.auth.service import load_subject
from api.committees.models import Committee
from api.contributions import service, service_transitions
from api.contributions.models import Contribution
from api.contributions.schemas import ContributionCreate, TransitionCreate
from api.programmes.models import Deliverable
from tests.factories import make_user
from tests.programmes.factories import make_action, make_programme

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
    subject = load_subject(session, user_id=make_user(session, role=Role.network_admin).id)
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
            data=TransitionCreate.model_validate(move),
            subject=subject,
            if_match=None,
        )
    return contribution


def make_deliverable(session: Session, *, committee: Committee, **overrides: Any) -> Deliverable:
    """A deliverable of an action of a programme of `committee`."""
    action = make_action(session, programme=make_programme(session, committee=committee))
    fields: dict[str, Any] = {
        "action_id": action.id,
        "title": f"Livrable n°{next(_counter)}",
        "kind": "report",
        "status": "planned",
    } | overrides
    deliverable = Deliverable(**fields)
    session.add(deliverable)
    session.flush()
    return deliverable
