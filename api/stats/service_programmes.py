"""Work programmes' figures over the committees counted."""

from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.core.clock import today
from api.programmes import service_figures as programmes
from api.stats.scopes import Counted


def programme_figures(
    session: Session, *, subject: Subject | None, counted: Counted
) -> dict[str, Any]:
    """`ProgrammeFigures`, today."""
    on = today()
    ids = counted.committee_ids(subject)
    found = programmes.figures(session, committee_ids=ids, subject=subject, on=on)
    return {"as_of": on, "scope": counted.scope, **found}
