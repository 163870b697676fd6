"""Meetings' participation figures for api.stats, over a period: named attendance by status
and category, the events counted without names, and both together by headcount group
(api.meetings.groups), an event's headcount standing for it when it has one."""

import uuid
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, func
from sqlmodel import Session, col, select

from api.core.clock import LOCAL_TZ
from api.core.figures import within
from api.meetings.groups import GROUP_OF
from api.meetings.models import Attendance, Headcount, HeadcountLine, Meeting
from api.meetings.schemas import AttendanceStatus, HeadcountCategory
from api.people.schemas import PersonCategory

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
    meetings = select(col(Meeting.id)).where(
        col(Meeting.committee_id).in_(committee_ids.scalar_subquery()),
        within(col(Meeting.committee_id), readable),
        col(Meeting.starts_at) >= _moment(start),
        col(Meeting.starts_at) < _moment(end + timedelta(days=1)),
    )
    if body_ids is not None:
        meetings = meetings.where(col(Meeting.body_id).in_(body_ids.scalar_subquery()))
    held = meetings.scalar_subquery()
    count = session.exec(select(func.count()).where(col(Meeting.id).in_(held))).one()
    # One pass over the attendance: by status and category, and whether the meeting has a
    # headcount (its names are then left out of `present_by_group`).
    headcounted = case(
        (col(Attendance.meeting_id).in_(select(col(Headcount.meeting_id))), True), else_=False
    )
    named = session.exec(
        select(col(Attendance.status), col(Attendance.category), headcounted, func.count())
        .where(col(Attendance.meeting_id).in_(held))
        .group_by(col(Attendance.status), col(Attendance.category), headcounted)
    ).all()
    unnamed_meetings = session.exec(
        select(func.count()).where(col(Headcount.meeting_id).in_(held))
    ).one()
    lines = session.exec(
        select(col(HeadcountLine.category), func.sum(col(HeadcountLine.count)))
        .where(col(HeadcountLine.meeting_id).in_(held))
        .group_by(col(HeadcountLine.category))
    ).all()
    return _shape(count, named, unnamed_meetings, lines)


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
