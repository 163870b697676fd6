"""Meetings. What other domains use is at the top."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.bodies import service as bodies
from api.committees import service as committees
from api.core import etags
from api.core.clock import as_utc, check_span, check_span_changes
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import Prepared, columns_for
from api.core.writes import apply_changes, patch_changes, store
from api.meetings.models import Meeting
from api.meetings.schemas import MeetingCreate, MeetingKind, MeetingPublic, MeetingUpdate
from api.outbox.service import emit


class MeetingNotFound(NotFound):
    default_detail = "No meeting with this id."


def find_meeting(session: Session, *, meeting_id: uuid.UUID) -> Meeting | None:
    return session.get(Meeting, meeting_id)


_REF = core_select(col(Meeting.id), col(Meeting.committee_id)).where(
    col(Meeting.id) == bindparam("meeting_id")
)


def find_meeting_ref(
    session: Session, *, meeting_id: uuid.UUID
) -> Row[uuid.UUID, uuid.UUID] | None:
    """The meeting's `id` and `committee_id` only: what a list of its guards needs, read on
    the Core connection (no ORM object)."""
    return session.connection().execute(_REF, {"meeting_id": meeting_id}).first()


class MeetingHasRecords(Conflict):
    """A meeting is deleted only while it holds nothing: what happened at it is history,
    its attendance personal records, its expense claims financial records."""

    def __init__(self, holdings: list[str]) -> None:
        held = ", ".join(holdings) or "records"
        super().__init__(
            f"This meeting holds {held}, which would be lost with it; "
            "remove them first if they were recorded by mistake, or keep the meeting."
        )


class InvalidPeriod(InvalidInput):
    def __init__(self) -> None:
        super().__init__("`from` is after `to`.")
        self.errors = [{"loc": ["query", "from"], "msg": self.detail, "type": "value_error"}]


@dataclass(frozen=True)
class MeetingFilters:
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    kind: MeetingKind | None = None
    body_id: uuid.UUID | None = None


def to_public(meeting: Meeting) -> MeetingPublic:
    return MeetingPublic.model_validate(meeting)


def list_meetings(
    session: Session,
    *,
    committee_id: uuid.UUID,
    filters: MeetingFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """A committee's meetings, oldest first (keyset on the (committee, starts_at, id) index);
    an empty page is the committee's 404 when it does not exist."""
    if (
        filters.starts_from is not None
        and filters.starts_before is not None
        and filters.starts_from > filters.starts_before
    ):
        raise InvalidPeriod()
    stmt, params = _LIST(
        committee_id=committee_id,
        starts_from=filters.starts_from,
        starts_before=filters.starts_before,
        kind=filters.kind,
        body_id=filters.body_id,
    )
    page = paginate(session, stmt, keys=_ORDER, limit=limit, cursor=cursor, params=params)
    # Its guard may have left a committee that does not exist to the list (api.meetings.deps).
    if not page[0] and not committees.committee_exists(session, committee_id=committee_id):
        raise committees.CommitteeNotFound()
    return page_of_dicts(page)


_LIST = Prepared(
    select(*columns_for(Meeting, MeetingPublic)),
    committee_id=lambda value: col(Meeting.committee_id) == value,
    starts_from=lambda value: col(Meeting.starts_at) >= value,
    starts_before=lambda value: col(Meeting.starts_at) < value,
    kind=lambda value: col(Meeting.kind) == value,
    body_id=lambda value: col(Meeting.body_id) == value,
)
_ORDER = (col(Meeting.starts_at), col(Meeting.id))


def create_meeting(session: Session, *, committee_id: uuid.UUID, data: MeetingCreate) -> Meeting:
    check_span("meeting", data.starts_at, data.ends_at)
    if data.body_id is not None:
        _check_body(session, committee_id=committee_id, body_id=data.body_id)
    meeting = Meeting(
        committee_id=committee_id,
        body_id=data.body_id,
        kind=data.kind.value,
        title=data.title,
        starts_at=as_utc(data.starts_at),
        ends_at=as_utc(data.ends_at),
        mode=data.mode.value,
        place=data.place,
        agenda=data.agenda,
    )
    store(session, meeting)
    emit_meeting(session, "meeting.created", meeting)
    return meeting


def emit_meeting(session: Session, type: str, meeting: Meeting, **payload: Any) -> None:
    """An event of the meeting or of what it holds (attendance, decisions, votes...)."""
    payload = {"meeting_id": meeting.id, **payload}
    emit(session, type, committee_id=meeting.committee_id, payload=payload)


def update_meeting(
    session: Session, *, meeting: Meeting, data: MeetingUpdate, if_match: str | None
) -> Meeting:
    changes = patch_changes(data)
    check_span_changes("meeting", meeting, changes)
    if changes.get("body_id") is not None:
        _check_body(session, committee_id=meeting.committee_id, body_id=changes["body_id"])
    etags.require_match(if_match, meeting.version)
    for field in ("kind", "mode"):
        if field in changes:
            changes[field] = changes[field].value
    apply_changes(session, meeting, changes)
    emit_meeting(session, "meeting.updated", meeting, fields=sorted(changes))
    return meeting


def delete_meeting(session: Session, *, meeting: Meeting, if_match: str | None) -> None:
    """Delete a meeting that holds nothing: attendance, decisions, headcount, motions, claims
    and the relays or programme steps that name it refuse (their foreign keys)."""
    etags.require_match(if_match, meeting.version)
    delete_unless_referenced(session, meeting, MeetingHasRecords)
    emit_meeting(session, "meeting.deleted", meeting)


def _check_body(session: Session, *, committee_id: uuid.UUID, body_id: uuid.UUID) -> None:
    body = bodies.find_body(session, body_id=body_id)
    if body is None or body.committee_id != committee_id:
        raise InvalidInput("No body with this id in the meeting's committee.", field="body_id")
