"""Contributions' figures for api.stats: by kind and status, and how long HCTS takes to move
on them and to answer, per year of submission. Over what the caller may read."""

from typing import Any

from sqlalchemy import Select, and_, case, extract, func, literal, true, union_all
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.contributions.models import CONTRIBUTION_KINDS, CONTRIBUTION_STATUSES, Contribution
from api.contributions.models import ContributionTransition as Step
from api.contributions.service import CLOSED, visible_to
from api.core.figures import days_between, percentiles

# HCTS's first move on a submitted contribution: any of its steps after submission; its
# answer: a closing one.
MOVES = ("acknowledged", *sorted(CLOSED))
ANSWERS = tuple(sorted(CLOSED))


def figures(
    session: Session, *, subject: Subject | None, committee_ids: Select[Any]
) -> dict[str, Any]:
    """Contributions by kind and status, and HCTS's response times, of the committees counted:
    those `subject` reads; submitted ones (any but drafts) for anonymous callers."""
    visible = visible_to(subject) if subject else col(Contribution.status) != "draft"
    readable = and_(visible, col(Contribution.committee_id).in_(committee_ids.scalar_subquery()))
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


def _response_times(session: Session, readable: Any) -> list[dict[str, Any]]:
    """Per year of submission: how many were submitted, and the days to HCTS's first move and
    to its answer (taken up, answered or declined): how many had one, median and 90th
    percentile (nearest rank). One statement: each contribution's three days in one pass over
    the steps, then all three series ranked together."""
    first = _first_day
    days = (
        select(col(Step.contribution_id))
        .join(Contribution, col(Contribution.id) == col(Step.contribution_id))
        .where(readable)
        .add_columns(first(("submitted",), "submitted_on"), first(MOVES, "moved_on"))
        .add_columns(first(ANSWERS, "answered_on"))
        .group_by(col(Step.contribution_id))
        .cte("days")  # read three times: computed once
    )
    year = extract("year", days.c.submitted_on).label("year")
    submitted = days.c.submitted_on.is_not(None)

    def series(measure: str, until: Any) -> Any:
        delay = days_between(until, days.c.submitted_on) if until is not None else literal(0)
        return select(literal(measure).label("measure"), year, delay.label("days")).where(
            submitted, until.is_not(None) if until is not None else true()
        )

    delays = union_all(
        series("submitted", None),
        series("first_move", days.c.moved_on),
        series("answer", days.c.answered_on),
    ).subquery("delays")
    rows = session.execute(percentiles(delays, ["measure", "year"], "days", 50, 90)).all()
    out: dict[int, dict[str, Any]] = {}
    for measure, y, n, p50, p90 in rows:
        figures = out.setdefault(int(y), {"year": int(y), "submitted": 0} | {
            key: {"count": 0, "median_days": None, "p90_days": None}
            for key in ("first_move", "answer")
        })  # fmt: skip
        if measure == "submitted":
            figures["submitted"] = n
        else:
            figures[measure] = {"count": n, "median_days": p50, "p90_days": p90}
    return [out[y] for y in sorted(out)]


def _first_day(statuses: tuple[str, ...], name: str) -> Any:
    """SQL aggregate: a contribution's first day at one of `statuses`."""
    return func.min(case((col(Step.to_status).in_(statuses), col(Step.effective_on)))).label(name)
