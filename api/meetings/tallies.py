"""Attendance tallies (models.AttendanceTally): people per meeting and category by status, which
the participation figures add up instead of grouping every attendance row of a period.

They are kept by the flush that writes the attendance, in its transaction, whatever path wrote
it through the ORM (the API, the demo, a test's factory): the tallies of each meeting touched
are counted again from its attendance. Writes that bypass the ORM (the bench's COPY) call
`refresh` or `rebuild` themselves.

Two writers of one meeting on PostgreSQL (READ COMMITTED): each locks the meeting row before
the flush writes its attendance, so the second waits for the first to commit, and its count,
whose statements begin after that, includes the first's rows. FOR NO KEY UPDATE rather than
FOR UPDATE: rows that refer to the meeting (claims, votes) take FOR KEY SHARE on it, which the
latter would wait for. SQLite has one writer at a time and renders no lock."""

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Insert,
    case,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    true,
)
from sqlalchemy.orm import Session, UOWTransaction
from sqlmodel import col

from api.meetings.models import Attendance, AttendanceTally, Meeting
from api.meetings.schemas import AttendanceStatus

_KEY = [col(Attendance.meeting_id), col(Attendance.category)]
STATUSES = [status.value for status in AttendanceStatus]  # AttendanceTally's count columns


def lock(connection: Connection, meeting_ids: Collection[uuid.UUID]) -> None:
    """Hold the meetings' rows against another writer of their tallies until the transaction
    ends; in id order, so that writers of several meetings cannot deadlock."""
    if meeting_ids:
        connection.execute(
            select(col(Meeting.id))
            .where(col(Meeting.id).in_(meeting_ids))
            .order_by(col(Meeting.id))
            .with_for_update(key_share=True)
        )


def refresh(connection: Connection, meeting_ids: Collection[uuid.UUID]) -> None:
    """Count the tallies of `meeting_ids` again from their attendance (once `lock`ed)."""
    if meeting_ids:
        connection.execute(
            delete(AttendanceTally).where(col(AttendanceTally.meeting_id).in_(meeting_ids))
        )
        connection.execute(_counted(col(Attendance.meeting_id).in_(meeting_ids)))


def rebuild(connection: Connection) -> None:
    """Count every meeting's tallies again: after a bulk load, or to check them."""
    connection.execute(delete(AttendanceTally))
    connection.execute(_counted(true()))


def _counted(attendance: ColumnElement[bool]) -> Insert:
    """One statement: the tallies of the `attendance` rows, grouped in the database."""
    by_status = [
        func.sum(case((col(Attendance.status) == status, 1), else_=0)) for status in STATUSES
    ]
    people = select(*_KEY, *by_status).where(attendance).group_by(*_KEY)
    return insert(AttendanceTally).from_select(["meeting_id", "category", *STATUSES], people)


def _touched(session: Session) -> set[uuid.UUID]:
    """The meetings whose tallies the pending flush changes: attendance added or deleted, or
    its status changed (the category is a snapshot, never rewritten, but costs nothing)."""
    ids = {
        row.meeting_id for row in (*session.new, *session.deleted) if isinstance(row, Attendance)
    }
    for row in session.dirty:
        if isinstance(row, Attendance):
            attrs = inspect(row).attrs
            if attrs.status.history.has_changes() or attrs.category.history.has_changes():
                ids.add(row.meeting_id)
    return ids


@event.listens_for(Session, "before_flush")
def _lock_before_writing(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    lock(session.connection(), _touched(session))


@event.listens_for(Session, "after_flush")
def _count_after_writing(session: Session, _flush: UOWTransaction) -> None:
    # The session still shows what the flush wrote (new, dirty, deleted) until it returns.
    refresh(session.connection(), _touched(session))
