"""Work programmes' figures in a scope and a territory."""

import uuid
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.committees import service_figures as committees
from api.core.clock import today
from api.programmes import service_figures as programmes
from api.stats.scopes import SCALES, Scope


def programme_figures(
    session: Session,
    *,
    subject: Subject | None,
    scope: Scope,
    committee_id: uuid.UUID | None = None,
    region: str | None = None,
    department: str | None = None,
) -> dict[str, Any]:
    """`ProgrammeFigures`, today."""
    counted = committees.committee_ids(
        subject=subject,
        scales=SCALES[scope],
        committee_id=committee_id,
        region=region,
        department=department,
    )
    on = today()
    found = programmes.figures(session, committee_ids=counted, subject=subject, on=on)
    return {"as_of": on, "scope": scope, **found}
