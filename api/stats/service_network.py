"""The network's figures in a scope: the committees' own figures, over the scales the scope
counts."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.committees import service_figures
from api.stats.scopes import SCALES, Scope


def network_figures(
    session: Session, *, days: Sequence[date], scope: Scope, subject: Subject | None
) -> list[dict[str, Any]]:
    """`NetworkFigures` of each day, in the order given, over the committees `subject` may
    see and `scope` counts."""
    figures = service_figures.figures_on(session, days=days, scales=SCALES[scope], subject=subject)
    return [{**day, "scope": scope} for day in figures]
