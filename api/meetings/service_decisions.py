"""A meeting's record of decisions (*relevé de décisions*), numbered in the order taken."""

import uuid

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.core.pagination import paginate
from api.core.problems import NotFound
from api.core.writes import store
from api.meetings.models import Decision, Meeting
from api.meetings.schemas import DecisionCreate
from api.meetings.service import emit_meeting


class DecisionNotFound(NotFound):
    default_detail = "No decision with this id in this meeting."


def list_decisions(
    session: Session, *, meeting_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[Decision], str | None]:
    stmt = select(Decision).where(Decision.meeting_id == meeting_id)
    return paginate(session, stmt, keys=[col(Decision.position)], limit=limit, cursor=cursor)


def add_decision(session: Session, *, meeting: Meeting, data: DecisionCreate) -> Decision:
    """Append a decision; two concurrent appends clash on the unique position (409)."""
    last = session.exec(
        select(func.max(Decision.position)).where(Decision.meeting_id == meeting.id)
    ).one()
    decision = Decision(meeting_id=meeting.id, position=(last or 0) + 1, text=data.text)
    store(session, decision)
    payload = {"decision_id": decision.id, "position": decision.position}
    emit_meeting(session, "meeting.decision.added", meeting, **payload)
    return decision


def delete_decision(session: Session, *, meeting: Meeting, decision_id: uuid.UUID) -> None:
    """Remove a decision; the others keep their positions, so references to them hold."""
    decision = session.get(Decision, decision_id)
    if decision is None or decision.meeting_id != meeting.id:
        raise DecisionNotFound()
    session.delete(decision)
    session.flush()
    emit_meeting(session, "meeting.decision.deleted", meeting, decision_id=decision_id)
