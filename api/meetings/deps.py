"""Guards for `{meeting_id}` and a committee's meetings (see api.committees.guards)."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.permissions import Permission
from api.committees.guards import Child, child_guard, committee_guard, committee_id_guard
from api.committees.models import Committee
from api.meetings.models import Meeting
from api.meetings.service import MeetingNotFound, find_meeting

MeetingId = Annotated[uuid.UUID, Path(description="The meeting's id.")]
_MEETING = Child("meeting_id", MeetingId, find_meeting, MeetingNotFound)

ReadableMeeting = Annotated[
    Meeting,
    Depends(child_guard(_MEETING, Permission.meetings_read, "You may not see this meeting.")),
]
EditableMeeting = Annotated[
    Meeting,
    Depends(child_guard(_MEETING, Permission.meetings_write, "You may not change this meeting.")),
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
BallotsReadableMeeting = Annotated[
    Meeting,
    Depends(
        child_guard(
            _MEETING, Permission.attendance_read, "Only the committee's admins see who voted what."
        )
    ),
]
# A GET's: the id only, no query when a committee-scoped grant answers.
MeetingsReadableCommittee = Annotated[
    uuid.UUID,
    Depends(
        committee_id_guard(Permission.meetings_read, "You may not see this committee's meetings.")
    ),
]
MeetingsEditableCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.meetings_write, "You may not add meetings to this committee.")
    ),
]
