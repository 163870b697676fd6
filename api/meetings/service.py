"""Meetings. What other domains use is at the top."""

import uuid

from sqlmodel import Session

from api.core.problems import NotFound
from api.meetings.models import Meeting


class MeetingNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No meeting with this id.")


def find_meeting(session: Session, *, meeting_id: uuid.UUID) -> Meeting | None:
    return session.get(Meeting, meeting_id)
