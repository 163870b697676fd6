"""Contributions' figures for api.stats: by kind and status, and how long HCTS takes to move
on them and to answer, per year of submission. Over what the caller may read."""

from typing import Any

from sqlalchemy import Select, and_, extract, func
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.contributions.models import CONTRIBUTION_KINDS, CONTRIBUTION_STATUSES, Contribution
from api.contributions.models import ContributionTransition as Step
from api.contributions.service import CLOSED, visible_to
from api.core.figures import days_between, percentiles

# HCTS's first move on a submitted contribution: any of its steps after submission.
MOVES = ("acknowledged", *sorted(CLOSED))


def figures(session: Session, *, subject: Subject, committee_ids: Select[Any]) -> dict[str, Any]:
    readable = and_(
        visible_to(subject), col(Contribution.committee_id).in_(committee_ids.scalar_subquery())
    )
    rows = session.exec(
        select(col(Contribution.kind), col(Contribution.status), func.count())
        .where(readable)
        .group_by(col(Contribution.kind), col(Contribution.status))
    ).all()
    by_kind = dict.fromkeys(CONTRIBUTION_KINDS, 0)
    by_status = dict.fromkeys(CONTRIBUTION_STATUSES, 0)
    for kind, status, n in rows:
        by_kind[kind] += n
        by_status[status] += n
    return {
        "total": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_status": by_status,
        "response_times": _response_times(session, readable),
    }


def _first(statuses: tuple[str, ...], name: str, readable: Any) -> Any:
    """Per readable contribution, the day of its first step to one of `statuses`."""
    return (
        select(col(Step.contribution_id).label("id"), func.min(col(Step.effective_on)).label(name))
        .join(Contribution, col(Contribution.id) == col(Step.contribution_id))
        .where(col(Step.to_status).in_(statuses), readable)
        .group_by(col(Step.contribution_id))
        .subquery(name)
    )


def _response_times(session: Session, readable: Any) -> list[dict[str, Any]]:
    """Per year of submission: how many were submitted, and the days to HCTS's first move and
    to its answer (taken up, answered or declined): how many had one, median and 90th
    percentile (nearest rank)."""
    submitted = _first(("submitted",), "submitted_on", readable)
    year = extract("year", submitted.c.submitted_on)
    counts = dict(
        session.exec(select(year, func.count()).select_from(submitted).group_by(year)).all()
    )
    out: dict[int, dict[str, Any]] = {
        int(y): {"year": int(y), "submitted": n} for y, n in counts.items()
    }
    for key, statuses in (("first_move", MOVES), ("answer", tuple(sorted(CLOSED)))):
        moved = _first(statuses, "moved_on", readable)
        delays = (
            select(
                year.label("year"),
                days_between(moved.c.moved_on, submitted.c.submitted_on).label("days"),
            )
            .select_from(submitted)
            .join(moved, moved.c.id == submitted.c.id)
            .subquery("delays")
        )
        found = {int(y): (n, p50, p90) for y, n, p50, p90 in session.execute(
            percentiles(delays, "year", "days", 50, 90)
        ).all()}  # fmt: skip
        for y, figures in out.items():
            n, p50, p90 = found.get(y, (0, None, None))
            figures[key] = {"count": n, "median_days": p50, "p90_days": p90}
    return [out[y] for y in sorted(out)]
