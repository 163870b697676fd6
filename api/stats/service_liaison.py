"""HCTS liaison's figures: contributions and HCTS's response times, candidatures, relays of
publications, seminar attendance; each domain counts its own, over the committees counted."""

from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.contributions import service_figures as contributions
from api.core.clock import today
from api.hcts import service_figures as hcts
from api.seminars import service_figures as seminars
from api.stats.scopes import Counted


def liaison_figures(session: Session, *, subject: Subject, counted: Counted) -> dict[str, Any]:
    """`LiaisonFigures`, today."""
    ids = counted.committee_ids(subject)
    active = counted.committee_ids(subject, active_only=True)
    return {
        "as_of": today(),
        "scope": counted.scope,
        "contributions": contributions.figures(session, subject=subject, committee_ids=ids),
        "candidatures": hcts.candidatures(session, subject=subject, committee_ids=ids),
        "relays": hcts.relays(session, committee_ids=ids, active_ids=active),
        "seminar_attendance": seminars.attendance(session, subject=subject, committee_ids=ids),
    }
