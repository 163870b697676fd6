"""The network's figures on given days, from the committees' status histories: one
statement whatever the number of days, each breakdown grouped in the database.
api.stats serves them; which scales count is its scope's rule."""

import uuid
from collections.abc import Callable, Collection, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Select,
    String,
    and_,
    bindparam,
    distinct,
    event,
    func,
    inspect,
    literal_column,
    null,
    or_,
    union_all,
)
from sqlalchemy.orm import Mapper
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.committees import service_list
from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.committees.schemas import CommitteeStatus, Scale
from api.committees.service import VISIBLE_AS, seen_by, visible_to
from api.territories import service as territories

ACTIVE = CommitteeStatus.active.value


# Others keep figures that depend on a committee's scale and publicity (memberships' spans):
# each registers here and is told, in the flush that writes the change, whatever path made it.
CountedChange = Callable[[Connection, uuid.UUID], None]
_counted_watchers: list[CountedChange] = []


def on_counted_change(watcher: CountedChange) -> None:
    _counted_watchers.append(watcher)


@event.listens_for(Committee, "after_update")
def _counted_changed(
    _mapper: Mapper[Committee], connection: Connection, committee: Committee
) -> None:
    attrs = inspect(committee).attrs
    if attrs.scale.history.has_changes() or attrs.is_public.history.has_changes():
        for watcher in _counted_watchers:
            watcher(connection, committee.id)


def figures_on(
    session: Session,
    *,
    days: Sequence[date],
    scales: Collection[Scale],
    subject: Subject | None,
) -> list[dict[str, Any]]:
    """The figures of each day (api.stats.schemas.NetworkFigures' fields but its scope), in
    the order given, over the committees of `scales` that `subject` may see."""
    unique = list(dict.fromkeys(days))
    seen, own = seen_by(subject)
    stmt = _statement(len(unique), frozenset(scales), seen)
    params: dict[str, Any] = {f"day_{n}": day for n, day in enumerate(unique)}
    if seen == "own":
        params["own"] = sorted(own)

    figures = {day: _empty(day) for day in days}
    for kind, day, key, scale, n in session.execute(stmt, params):
        on = figures[_as_date(day)]
        if kind == _BY_STATUS:
            on["committees"]["total"] += n
            on["committees"]["by_status"][key] += n
            if key == ACTIVE:
                on["committees"]["active_by_scale"][scale] += n
        elif kind == _BY_REGION:
            on["committees"]["active_by_region"][key] = n
        else:
            on["departments_covered"] = n
    return [figures[day] for day in days]


_BY_STATUS, _BY_REGION, _COVERED = "status", "region", "covered"


@lru_cache(maxsize=256)
def _statement(days: int, scales: frozenset[Scale], seen: str) -> Any:
    """The statement for `days` days (bound as `day_0`…), built once per combination:
    building it (the region's CASE has a hundred branches) cost more than running it. One
    statement for the three breakdowns, each row tagged with its own (`kind`, `day`, `key`,
    `scale`, `n`): a round trip each cost more than their grouping."""
    on = _days(days)
    # Each committee's statuses as intervals: a step holds from its day until the next one's
    # (steps of one day follow their order: only the last of them holds any day).
    steps = select(
        col(CommitteeStatusChange.committee_id).label("committee_id"),
        col(CommitteeStatusChange.status).label("status"),
        col(CommitteeStatusChange.effective_on).label("since"),
        func.lead(col(CommitteeStatusChange.effective_on))
        .over(
            partition_by=col(CommitteeStatusChange.committee_id),
            order_by=col(CommitteeStatusChange.seq),
        )
        .label("until"),
    ).cte("steps")
    holds = and_(steps.c.since <= on.c.day, or_(steps.c.until.is_(None), steps.c.until > on.c.day))
    visible = VISIBLE_AS[seen]
    counted = and_(col(Committee.scale).in_(sorted(scales)), visible)

    def statuses(kind: str, *columns: Any) -> Any:
        return (
            select(literal_column(f"'{kind}'").label("kind"), on.c.day, *columns)
            .select_from(on)
            .join(steps, holds)
            .join(Committee, col(Committee.id) == steps.c.committee_id)
            .where(counted)
        )

    def active_territories(kind: str, *columns: Any) -> Any:
        return (
            statuses(kind, *columns)
            .join(CommitteeTerritory, col(CommitteeTerritory.committee_id) == col(Committee.id))
            .where(steps.c.status == ACTIVE)
        )

    region = territories.region_code_sql(col(CommitteeTerritory.kind), col(CommitteeTerritory.code))
    none = null().cast(String(20))
    return union_all(
        statuses(_BY_STATUS, steps.c.status, col(Committee.scale), func.count()).group_by(
            on.c.day, steps.c.status, col(Committee.scale)
        ),
        active_territories(
            _BY_REGION, region.cast(String(20)), none, func.count(distinct(col(Committee.id)))
        ).group_by(on.c.day, region),
        active_territories(_COVERED, none, none, func.count(distinct(col(CommitteeTerritory.code))))
        .where(col(CommitteeTerritory.kind) == "department")
        .group_by(on.c.day),
    )


def _days(count: int) -> Any:
    """`count` days as a one-column table (`day`), one SELECT of a bound date each
    (`day_0`…): the same SQL on SQLite and PostgreSQL."""
    rows = [select(bindparam(f"day_{n}", type_=Date).label("day")) for n in range(count)]
    table = rows[0] if len(rows) == 1 else union_all(*rows)
    return table.subquery("days")


def _as_date(value: Any) -> date:
    # SQLite hands back the literal's text where a UNION loses its type.
    return value if isinstance(value, date) else date.fromisoformat(value)


def _empty(day: date) -> dict[str, Any]:
    return {
        "as_of": day,
        "committees": {
            "total": 0,
            "by_status": dict.fromkeys(CommitteeStatus, 0),
            "active_by_scale": dict.fromkeys(Scale, 0),
            "active_by_region": dict.fromkeys(territories.reference().regions, 0),
        },
        "departments_covered": 0,
    }


def committee_ids(
    *,
    subject: Subject | None,
    scales: Collection[Scale],
    committee_id: uuid.UUID | None = None,
    region: str | None = None,
    department: str | None = None,
    active_only: bool = False,
) -> Select[Any]:
    """SQL: the ids of the committees a figure counts, for other domains' figures: those
    `subject` may see, of `scales` (any scale for `committee_id`, asked by name), in
    `region` (its départements' committees included) or `department` when given; with
    `active_only`, those active today."""
    stmt = select(col(Committee.id)).where(visible_to(subject))
    if active_only:
        stmt = stmt.where(col(Committee.status) == ACTIVE)
    if committee_id is not None:
        stmt = stmt.where(col(Committee.id) == committee_id)
    else:
        stmt = stmt.where(col(Committee.scale).in_(sorted(scales)))
    if region is not None:
        stmt = stmt.where(service_list.in_region(region))
    if department is not None:
        stmt = stmt.where(service_list.in_department(department))
    return stmt
