"""HCTS liaison's figures: contributions and HCTS's response times, candidatures, relays of
publications, seminar attendance; each domain counts its own, over the committees counted."""

import uuid
from functools import partial
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.committees import service_figures as committees
from api.contributions import service_figures as contributions
from api.core.clock import today
from api.hcts import service_figures as hcts
from api.seminars import service_figures as seminars
from api.stats.scopes import SCALES, Scope


def liaison_figures(
    session: Session,
    *,
    subject: Subject,
    scope: Scope,
    committee_id: uuid.UUID | None = None,
    region: str | None = None,
    department: str | None = None,
) -> dict[str, Any]:
    """`LiaisonFigures`, today."""
    ids = partial(
        committees.committee_ids,
        subject=subject,
        scales=SCALES[scope],
        committee_id=committee_id,
        region=region,
        department=department,
    )
    counted = ids()
    return {
        "as_of": today(),
        "scope": scope,
        "contributions": contributions.figures(session, subject=subject, committee_ids=counted),
        "candidatures": hcts.candidatures(session, subject=subject, committee_ids=counted),
        "relays": hcts.relays(session, committee_ids=counted, active_ids=ids(active_only=True)),
        "seminar_attendance": seminars.attendance(session, subject=subject, committee_ids=counted),
    }
