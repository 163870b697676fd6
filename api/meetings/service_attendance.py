"""Who attended a meeting. Each row keeps the person's category and organisation as they were
when first recorded, so later changes to the person do not rewrite history."""

import uuid
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, false, true
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core.clock import local_day, utcnow
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import InvalidInput, NotFound
from api.core.queries import where_given
from api.meetings.models import Attendance, Meeting
from api.meetings.schemas import (
    AttendanceEntry,
    AttendancePublic,
    AttendanceStatus,
    AttendanceUpsertResult,
)
from api.meetings.service import emit_meeting
from api.memberships import service as memberships
from api.people import service as people
from api.people.service import PERSON, join_person


class AttendanceNotFound(NotFound):
    default_detail = "This person has no attendance recorded for this meeting."


class NotMembersThatDay(InvalidInput):
    def __init__(self, entries: list[AttendanceEntry], unknown: list[int], day: date) -> None:
        msg = f"Not a member of the meeting's committee on {day.isoformat()}."
        super().__init__(
            f"These people held no term in the meeting's committee on its day "
            f"({day.isoformat()}): "
            + ", ".join(f"entries[{i}] ({entries[i].person_id})" for i in unknown)
            + ".",
            field=["entries", unknown[0], "person_id"],
        )
        self.errors = [
            {"loc": ["body", "entries", i, "person_id"], "msg": msg, "type": "value_error"}
            for i in unknown
        ]


_COLUMNS: list[Any] = [
    col(Attendance.person_id),
    PERSON.first_name,
    PERSON.last_name,
    PERSON.sort_key,
    col(Attendance.status),
    col(Attendance.category),
    col(Attendance.organisation_id),
    col(Attendance.organisation_name),
    col(Attendance.updated_at),
]


def _readable_by(subject: Subject, meeting: Meeting) -> ColumnElement[bool]:
    """SQL condition: the rows `subject` may read (all for admins, else their own only)."""
    if subject.can(Permission.attendance_read, meeting.committee_id):
        return true()
    if subject.person_id is None:
        return false()
    return col(Attendance.person_id) == subject.person_id


def list_attendance(
    session: Session,
    *,
    meeting: Meeting,
    subject: Subject,
    status: AttendanceStatus | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The meeting's attendance in name order; a plain member sees only their own row."""
    stmt = join_person(select(*_COLUMNS), col(Attendance.person_id)).where(
        Attendance.meeting_id == meeting.id, _readable_by(subject, meeting)
    )
    stmt = where_given(stmt, (Attendance.status, status))
    order = [PERSON.sort_key, col(Attendance.person_id)]
    return page_of_dicts(paginate(session, stmt, keys=order, limit=limit, cursor=cursor))


def record_attendance(
    session: Session, *, meeting: Meeting, entries: list[AttendanceEntry]
) -> AttendanceUpsertResult:
    """Create or update the attendance of every person listed, all or nothing.

    Each person must hold a term in the meeting's committee on the meeting's day."""
    ids = [entry.person_id for entry in entries]
    if twice := [str(i) for i, n in Counter(ids).items() if n > 1]:
        raise InvalidInput(f"People listed twice: {', '.join(twice)}.", field="entries")
    day = local_day(meeting.starts_at)
    snapshots = people.snapshots(
        session, person_ids=ids, among=memberships.current_members(meeting.committee_id, day)
    )
    if unknown := [i for i, entry in enumerate(entries) if entry.person_id not in snapshots]:
        raise NotMembersThatDay(entries, unknown, day)
    existing = {
        row.person_id: row
        for row in session.exec(
            select(Attendance).where(
                Attendance.meeting_id == meeting.id, col(Attendance.person_id).in_(ids)
            )
        ).all()
    }
    now = utcnow()
    created = updated = 0
    rows: list[Attendance] = []
    for entry in entries:
        row = existing.get(entry.person_id)
        if row is None:
            person = snapshots[entry.person_id]
            row = Attendance(
                meeting_id=meeting.id,
                person_id=entry.person_id,
                status=entry.status.value,
                category=person.category,
                organisation_id=person.organisation_id,
                organisation_name=person.organisation_name,
                updated_at=now,
            )
            created += 1
        elif row.status != entry.status.value:
            # Only the status changes: the snapshot stays as it was first recorded.
            row.status = entry.status.value
            row.updated_at = now
            updated += 1
        else:
            rows.append(row)
            continue  # unchanged: no event
        session.add(row)
        rows.append(row)
        emit_meeting(
            session,
            "meeting.attendance.recorded",
            meeting,
            person_id=entry.person_id,
            status=row.status,
        )
    session.flush()
    items = [
        AttendancePublic.model_validate(
            {
                "person_id": row.person_id,
                "first_name": snapshots[row.person_id].first_name,
                "last_name": snapshots[row.person_id].last_name,
                "status": row.status,
                "category": row.category,
                "organisation_id": row.organisation_id,
                "organisation_name": row.organisation_name,
                "updated_at": row.updated_at,
            }
        )
        for row in rows
    ]
    return AttendanceUpsertResult(created=created, updated=updated, items=items)


def remove_attendance(session: Session, *, meeting: Meeting, person_id: uuid.UUID) -> None:
    row = session.get(Attendance, (meeting.id, person_id))
    if row is None:
        raise AttendanceNotFound()
    session.delete(row)
    session.flush()
    emit_meeting(session, "meeting.attendance.removed", meeting, person_id=person_id)
