"""Helpers for the attendance tallies' tests: the tallies as kept, and as counted again."""

import uuid

from sqlalchemy import Connection
from sqlmodel import Session, col, func, select

from api.meetings import tallies
from api.meetings.models import Attendance, AttendanceTally, Meeting

Tallies = dict[tuple[uuid.UUID, str, str], int]


def kept(source: Session | Connection) -> Tallies:
    """Every tally in the table: (meeting, status, category) -> people, statuses with none left
    out."""
    columns = [getattr(AttendanceTally, status) for status in tallies.STATUSES]
    rows = source.execute(
        select(col(AttendanceTally.meeting_id), col(AttendanceTally.category), *columns)
    )
    return {
        (m, status, c): n
        for m, c, *counts in rows
        for status, n in zip(tallies.STATUSES, counts, strict=True)
        if n
    }


def recounted(source: Session | Connection) -> Tallies:
    """The tallies the attendance holds, counted without writing (the check after each test)."""
    key = [col(Attendance.meeting_id), col(Attendance.status), col(Attendance.category)]
    rows = source.execute(select(*key, func.count()).group_by(*key))
    return {(m, s, c): n for m, s, c, n in rows}


def rebuilt(session: Session) -> Tallies:
    """The tallies `tallies.rebuild` counts from the attendance, undone once read."""
    savepoint = session.begin_nested()
    try:
        tallies.rebuild(session.connection())
        return kept(session)
    finally:
        savepoint.rollback()


def assert_kept(session: Session) -> Tallies:
    """The live tallies equal a rebuild from the attendance; returned."""
    session.flush()
    live = kept(session)
    assert live == rebuilt(session)
    return live


def of(meeting: Meeting, live: Tallies) -> dict[tuple[str, str], int]:
    """The tallies of one meeting: (status, category) -> people."""
    return {(s, c): n for (m, s, c), n in live.items() if m == meeting.id}
