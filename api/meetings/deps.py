"""Guards for `{meeting_id}` and a committee's meetings (see api.committees.guards)."""

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from sqlalchemy import Row
from sqlmodel import Session

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission
from api.committees.guards import (
    Child,
    CommitteeId,
    child_guard,
    committee_guard,
    committee_id_guard,
)
from api.committees.models import Committee
from api.db import ReaderDep, SessionDep
from api.meetings import service_headcount, service_votes
from api.meetings.models import Meeting
from api.meetings.service import MeetingNotFound, find_meeting, find_meeting_ref

MeetingId = Annotated[uuid.UUID, Path(description="The meeting's id.")]
MotionId = Annotated[uuid.UUID, Path(description="The motion's id.")]
_MEETING = Child("meeting_id", MeetingId, find_meeting, MeetingNotFound)

ReadableMeeting = Annotated[
    Meeting,
    Depends(child_guard(_MEETING, Permission.meetings_read, "You may not see this meeting.")),
]
EditableMeeting = Annotated[
    Meeting,
    Depends(child_guard(_MEETING, Permission.meetings_write, "You may not change this meeting.")),
]
# A list's: the meeting's `id` and `committee_id` only (a Row, no ORM object).
ListedMeeting = Annotated[
    Row[Any],
    Depends(
        child_guard(
            Child("meeting_id", MeetingId, find_meeting_ref, MeetingNotFound),
            Permission.meetings_read,
            "You may not see this meeting.",
        )
    ),
]
# A meeting whose caller may be a plain member acting for themself (a ballot, a claim):
# the route then checks it is their own person.
MeetingOfMine = ReadableMeeting
AttendanceEditableMeeting = Annotated[
    Meeting,
    Depends(
        child_guard(
            _MEETING, Permission.attendance_write, "You may not record this meeting's attendance."
        )
    ),
]
_committee_guard = committee_id_guard(
    Permission.meetings_read, "You may not see this committee's meetings."
)


async def _meetings_readable(
    read: ReaderDep, committee_id: CommitteeId, subject: CurrentSubject
) -> uuid.UUID:
    """The list's committee, if the caller may read its meetings. No query for whoever holds
    the permission, network_admin included: the list answers a committee that does not exist
    with its 404 (`service.list_meetings`); anyone else gets the guard's 404 or 403."""
    if not subject.can(Permission.meetings_read, committee_id):
        await _committee_guard(read=read, committee_id=committee_id, subject=subject)
    return committee_id


# A GET's: the id only.
MeetingsReadableCommittee = Annotated[uuid.UUID, Depends(_meetings_readable)]
MeetingsEditableCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.meetings_write, "You may not add meetings to this committee.")
    ),
]


# The headcount's GET: the meeting's guard loads the headcount along (None: the route's 404).
ReadableHeadcount = Annotated[
    service_headcount.MeetingHeadcount,
    Depends(
        child_guard(
            Child("meeting_id", MeetingId, service_headcount.find_with_headcount, MeetingNotFound),
            Permission.meetings_read,
            "You may not see this meeting.",
        )
    ),
]


# A motion's GETs: one statement is both the guard's load and the answer: the meeting's
# committee and the motion, its results and the caller's own choice
# (`service_votes.MOTION_OF_MEETING`), the motion's fields null when it is not the meeting's.
def _motion(session: Session, **params: Any) -> Row[Any] | None:
    # Plain columns: the Core connection skips the ORM's compile and load layers.
    return session.connection().execute(service_votes.MOTION_OF_MEETING, params).first()


def _motion_guard(
    permission: Permission, message: str
) -> Callable[..., Coroutine[Any, Any, Row[Any]]]:
    """`child_guard` of the meeting, loaded with the motion: the guard passes every keyword
    of its call to the load, so the motion's id and the caller's person go along with the
    meeting's. The route answers a null motion with its 404 (after the meeting's guard)."""
    guard = child_guard(
        Child("meeting_id", MeetingId, _motion, MeetingNotFound), permission, message
    )

    async def dependency(
        request: Request,
        read: ReaderDep,
        session: SessionDep,
        motion_id: MotionId,  # before the meeting's: the document lists them in this order
        meeting_id: MeetingId,
        subject: CurrentSubject,
    ) -> Row[Any]:
        found: Row[Any] = await guard(
            request=request,
            read=read,
            session=session,
            subject=subject,
            meeting_id=meeting_id,
            motion_id=motion_id,
            person_id=subject.person_id,
        )
        if found.id is None:
            raise service_votes.MotionNotFound()
        return found

    return dependency


# The meeting's motion, with its results as the caller sees them.
ReadableMotion = Annotated[
    Row[Any], Depends(_motion_guard(Permission.meetings_read, "You may not see this meeting."))
]
# The meeting's motion, for who voted what (its results read along, unused).
BallotsReadableMotion = Annotated[
    Row[Any],
    Depends(
        _motion_guard(Permission.attendance_read, "Only the committee's admins see who voted what.")
    ),
]
