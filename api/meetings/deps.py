"""Load a `{meeting_id}` or `{committee_id}` and check the caller's permission on it."""

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission
from api.committees import service as committees
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.db import SessionDep
from api.meetings.models import Meeting
from api.meetings.service import MeetingNotFound, find_meeting

MeetingId = Annotated[uuid.UUID, Path(description="The meeting's id.")]
CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]


def meeting_guard(permission: Permission, message: str) -> Callable[..., Meeting]:
    """A dependency: the meeting, if the caller holds `permission` on its committee.

    A meeting of a committee the caller cannot see is a 404; one they see but may not act
    on is a 403."""

    def dependency(session: SessionDep, meeting_id: MeetingId, subject: CurrentSubject) -> Meeting:
        meeting = find_meeting(session, meeting_id=meeting_id)
        if meeting is None:
            raise MeetingNotFound()
        committees.get_committee(session, committee_id=meeting.committee_id, subject=subject)
        if not subject.can(permission, meeting.committee_id):
            raise Forbidden(message)
        return meeting

    return dependency


def committee_guard(permission: Permission, message: str) -> Callable[..., Committee]:
    """A dependency: the committee, if the caller holds `permission` on it (404 if unseen)."""

    def dependency(
        session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> Committee:
        committee = committees.get_committee(session, committee_id=committee_id, subject=subject)
        if not subject.can(permission, committee.id):
            raise Forbidden(message)
        return committee

    return dependency


ReadableMeeting = Annotated[
    Meeting, Depends(meeting_guard(Permission.meetings_read, "You may not see this meeting."))
]
EditableMeeting = Annotated[
    Meeting, Depends(meeting_guard(Permission.meetings_write, "You may not change this meeting."))
]
# A meeting whose caller may be a plain member acting for themself (a ballot, a claim):
# the route then checks it is their own person.
MeetingOfMine = ReadableMeeting
AttendanceEditableMeeting = Annotated[
    Meeting,
    Depends(
        meeting_guard(Permission.attendance_write, "You may not record this meeting's attendance.")
    ),
]
MeetingsReadableCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.meetings_read, "You may not see this committee's meetings.")
    ),
]
MeetingsEditableCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.meetings_write, "You may not add meetings to this committee.")
    ),
]
