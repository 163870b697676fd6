"""Meetings' participation figures for api.stats, over a period: named attendance by status
and category (added up from its tallies, api.meetings.tallies), the events counted without
names, and both together by headcount group (api.meetings.groups), an event's headcount
standing for it when it has one."""

import uuid
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, func, literal, union_all
from sqlmodel import Session, col, select

from api.bodies import service as bodies
from api.core.clock import LOCAL_TZ
from api.core.figures import within
from api.meetings.groups import GROUP_OF
from api.meetings.models import AttendanceTally, Headcount, HeadcountLine, Meeting
from api.meetings.schemas import AttendanceStatus, HeadcountCategory
from api.meetings.tallies import STATUSES
from api.people.schemas import PersonCategory

_BY_STATUS = [func.sum(getattr(AttendanceTally, status)) for status in STATUSES]

# An attendance rate is the share present of the people whose attendance was recorded.
RECORDED = (AttendanceStatus.present, AttendanceStatus.excused, AttendanceStatus.absent)


def figures(
    session: Session,
    *,
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    start: date,
    end: date,
) -> dict[str, Any]:
    """The meetings of the committees counted held from `start` to `end` (Paris days, both
    included); `readable`: the committees whose attendance the caller reads (None: every
    one). A meeting with a headcount is counted by it in `present_by_group`, its named
    attendance (if any) left out there, so that no one is counted twice."""
    held = _held(committee_ids, readable, body_ids, start, end).scalar_subquery()
    count = session.exec(select(func.count()).where(col(Meeting.id).in_(held))).one()
    # One pass over the tallies: by status and category, and whether the meeting has a
    # headcount (its names are then left out of `present_by_group`).
    headcounted = case(
        (col(AttendanceTally.meeting_id).in_(select(col(Headcount.meeting_id))), True),
        else_=False,
    )
    category = col(AttendanceTally.category)
    named = [
        (status, c, there_too, n)
        for c, there_too, *counts in session.execute(
            select(category, headcounted, *_BY_STATUS)
            .where(col(AttendanceTally.meeting_id).in_(held))
            .group_by(category, headcounted)
        )
        for status, n in zip(STATUSES, counts, strict=True)
    ]
    unnamed_meetings = session.exec(
        select(func.count()).where(col(Headcount.meeting_id).in_(held))
    ).one()
    lines = session.exec(
        select(col(HeadcountLine.category), func.sum(col(HeadcountLine.count)))
        .where(col(HeadcountLine.meeting_id).in_(held))
        .group_by(col(HeadcountLine.category))
    ).all()
    return _shape(count, named, unnamed_meetings, lines)


def by_group(
    session: Session,
    *,
    by: str,
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    start: date,
    end: date,
) -> tuple[dict[str, int], dict[str, dict[str, dict[str, int]]]]:
    """The same meetings as `figures`, by `committee`, `meeting`, `body_kind` (meetings of a
    body), Paris `month` or person `category`: meetings held per group (none by category), and named
    attendance per group, status and category."""
    held = _held(committee_ids, readable, body_ids, start, end).scalar_subquery()

    def grouped(stmt: Any) -> tuple[Any, Any]:
        if by == "committee":
            return stmt, col(Meeting.committee_id)
        if by == "meeting":
            return stmt, col(Meeting.id)
        if by == "body_kind":
            return bodies.join_body(stmt, col(Meeting.body_id)), bodies.BODY_KIND
        if by == "month":
            months = _months(start, end)
            moment = col(Meeting.starts_at)
            within_month = (moment >= months.c.since) & (moment < months.c.until)
            return stmt.join(months, within_month), months.c.month
        return stmt, col(AttendanceTally.category)

    meetings: dict[str, int] = {}
    if by != "category":
        stmt, key = grouped(select(col(Meeting.id)).select_from(Meeting))
        rows = session.execute(
            stmt.with_only_columns(key, func.count()).where(col(Meeting.id).in_(held)).group_by(key)
        ).all()
        meetings = {str(k): n for k, n in rows}
    base = select(col(AttendanceTally.category)).select_from(AttendanceTally)
    if by != "category":
        base = base.join(Meeting, col(Meeting.id) == col(AttendanceTally.meeting_id))
    stmt, key = grouped(base)
    category = col(AttendanceTally.category)
    attendance: dict[str, dict[str, dict[str, int]]] = {}
    for k, c, *counts in session.execute(
        stmt.with_only_columns(key, category, *_BY_STATUS)
        .where(col(AttendanceTally.meeting_id).in_(held))
        .group_by(key, category)
    ):
        for status, n in zip(STATUSES, counts, strict=True):
            if n:
                attendance.setdefault(str(k), {}).setdefault(status, {})[c] = n
    return meetings, attendance


def _held(
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    start: date,
    end: date,
) -> Select[Any]:
    """SQL: the ids of the meetings counted, held from `start` to `end` (Paris days)."""
    meetings = select(col(Meeting.id)).where(
        col(Meeting.committee_id).in_(committee_ids.scalar_subquery()),
        within(col(Meeting.committee_id), readable),
        col(Meeting.starts_at) >= _moment(start),
        col(Meeting.starts_at) < _moment(end + timedelta(days=1)),
    )
    if body_ids is not None:
        meetings = meetings.where(col(Meeting.body_id).in_(body_ids.scalar_subquery()))
    return meetings


def _months(start: date, end: date) -> Any:
    """The Paris months from `start`'s to `end`'s as a table: `month` (YYYY-MM), and the
    instants it runs `since` and `until` (one SELECT of literals each)."""
    moment = Meeting.__table__.c.starts_at.type  # type: ignore[attr-defined]
    rows = []
    first = date(start.year, start.month, 1)
    while first <= end:
        following = (first + timedelta(days=32)).replace(day=1)
        rows.append(
            select(
                literal(f"{first:%Y-%m}").label("month"),
                literal(_moment(first), moment).label("since"),
                literal(_moment(following), moment).label("until"),
            )
        )
        first = following
    return (rows[0] if len(rows) == 1 else union_all(*rows)).subquery("months")


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TZ)


def _shape(meetings: int, named: Any, unnamed_meetings: int, lines: Any) -> dict[str, Any]:
    by_status = dict.fromkeys(AttendanceStatus, 0)
    present = dict.fromkeys(PersonCategory, 0)
    # Named attendance of the meetings without a headcount, to add to the headcounts.
    present_alone = dict.fromkeys(PersonCategory, 0)
    for status, category, headcounted, n in named:
        by_status[status] += n
        if status == AttendanceStatus.present:
            present[category] += n
            if not headcounted:
                present_alone[category] += n
    present_total = by_status[AttendanceStatus.present]
    supported = present[PersonCategory.person_supported]
    recorded = sum(by_status[s] for s in RECORDED)
    headcounts = dict.fromkeys(HeadcountCategory, 0) | {k: int(n) for k, n in lines}
    by_group = dict(headcounts)
    for category, n in present_alone.items():
        by_group[GROUP_OF[category]] += n
    return {
        "meetings": meetings,
        "named": {
            "by_status": by_status,
            "present_by_category": present,
            "attendance_rate": present_total / recorded if recorded else None,
            "share_person_supported": _share(supported, present_total),
            "share_social_worker": _share(present[PersonCategory.social_worker], present_total),
        },
        "headcounts": {"meetings": unnamed_meetings, "by_group": headcounts},
        "present_by_group": by_group,
    }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
