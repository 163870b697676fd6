"""Headcounts of events where names are not kept: counts by category and structures."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, col, delete, select

from api.core import etags
from api.core.problems import InvalidInput, NotFound, PreconditionFailed
from api.core.writes import save
from api.meetings.models import HEADCOUNT_CATEGORIES, Headcount, HeadcountLine, Meeting
from api.meetings.schemas import MAX_COUNT, HeadcountPublic, HeadcountPut
from api.meetings.service import emit_meeting


class HeadcountNotFound(NotFound):
    default_detail = "This meeting has no headcount."


def version_of(updated_at: datetime) -> int:
    """The headcount's ETag version: it has no version column, its write time serves."""
    return int(updated_at.timestamp() * 1_000_000)


def get_headcount(session: Session, *, meeting_id: uuid.UUID) -> HeadcountPublic:
    headcount = session.get(Headcount, meeting_id)
    if headcount is None:
        raise HeadcountNotFound()
    lines = session.exec(
        select(HeadcountLine.category, HeadcountLine.count).where(
            HeadcountLine.meeting_id == meeting_id
        )
    ).all()
    counts = dict(lines)
    return HeadcountPublic(
        meeting_id=meeting_id,
        total=headcount.total,
        structures=headcount.structures,
        counts={c: counts[c] for c in HEADCOUNT_CATEGORIES if c in counts},
        updated_at=headcount.updated_at,
    )


# A GET's one statement (api.meetings.deps): the meeting's committee, for its guard, and its
# headcount with a row per line (the headcount's columns null when it has none). Built once.
_OF_MEETING = (
    core_select(
        col(Meeting.committee_id),
        col(Headcount.total),
        col(Headcount.structures),
        col(Headcount.updated_at),
        col(HeadcountLine.category),
        col(HeadcountLine.count),
    )
    .select_from(Meeting)
    .outerjoin(Headcount, col(Headcount.meeting_id) == col(Meeting.id))
    .outerjoin(HeadcountLine, col(HeadcountLine.meeting_id) == col(Headcount.meeting_id))
    .where(col(Meeting.id) == bindparam("meeting_id"))
)


@dataclass(frozen=True)
class MeetingHeadcount:
    """A meeting's committee and its headcount (`HeadcountPublic`'s fields), if it has one."""

    committee_id: uuid.UUID
    headcount: dict[str, Any] | None


def find_with_headcount(session: Session, *, meeting_id: uuid.UUID) -> MeetingHeadcount | None:
    """The meeting's committee and headcount, in one statement; None without the meeting."""
    # Plain columns: the Core connection skips the ORM's compile and load layers.
    rows = session.connection().execute(_OF_MEETING, {"meeting_id": meeting_id}).all()
    if not rows:
        return None
    first = rows[0]
    if first.updated_at is None:
        return MeetingHeadcount(first.committee_id, None)
    counts = {row.category: row.count for row in rows if row.category is not None}
    return MeetingHeadcount(
        first.committee_id,
        {
            "meeting_id": meeting_id,
            "total": first.total,
            "structures": first.structures,
            "counts": {c: counts[c] for c in HEADCOUNT_CATEGORIES if c in counts},
            "updated_at": first.updated_at,
        },
    )


def put_headcount(
    session: Session, *, meeting: Meeting, data: HeadcountPut, if_match: str | None
) -> HeadcountPublic:
    """Replace the meeting's headcount; when a total and counts are both given they must agree."""
    counted = sum(data.counts.values())
    if data.counts and data.total is not None and counted != data.total:
        raise InvalidInput(
            f"The counts by category add up to {counted}, not to the total of {data.total}.",
            field="counts",
        )
    if data.counts and data.total is None and counted > MAX_COUNT:
        # A total derived from the counts keeps to the bound a total sent must keep to.
        raise InvalidInput(
            f"The counts by category add up to {counted}, more than the total may be "
            f"({MAX_COUNT}).",
            field="counts",
        )
    if data.total is None and data.structures is None and not data.counts:
        raise InvalidInput("A headcount gives a total, counts by category or structures.")
    headcount = session.get(Headcount, meeting.id)
    if headcount is None:
        if if_match is not None:  # RFC 9110: If-Match fails when there is nothing to match
            raise PreconditionFailed("This meeting has no headcount yet; send no If-Match.")
        headcount = Headcount(meeting_id=meeting.id)
    else:
        etags.check_match(if_match, version_of(headcount.updated_at))
    headcount.total = data.total if data.total is not None else (counted if data.counts else None)
    headcount.structures = data.structures
    save(session, headcount)
    session.exec(delete(HeadcountLine).where(col(HeadcountLine.meeting_id) == meeting.id))
    for category, count in data.counts.items():
        session.add(HeadcountLine(meeting_id=meeting.id, category=category.value, count=count))
    session.flush()
    # Counts, not people: an event's reader may read the headcount itself.
    emit_meeting(session, "meeting.headcount.recorded", meeting)
    return get_headcount(session, meeting_id=meeting.id)


def delete_headcount(session: Session, *, meeting: Meeting, if_match: str | None) -> None:
    headcount = session.get(Headcount, meeting.id)
    if headcount is None:
        raise HeadcountNotFound()
    etags.require_match(if_match, version_of(headcount.updated_at))
    session.exec(delete(HeadcountLine).where(col(HeadcountLine.meeting_id) == meeting.id))
    session.delete(headcount)
    session.flush()
    emit_meeting(session, "meeting.headcount.deleted", meeting)
