import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.pagination import Cursor, Limit
from api.core.responses import GUARDED, GUARDED_INPUT, RECORD
from api.db import ReaderDep, SessionDep
from api.idempotency import service as idempotency
from api.idempotency.deps import IdempotencyKey
from api.meetings import service_attendance
from api.meetings.deps import AttendanceEditableMeeting, ReadableMeeting
from api.meetings.schemas import (
    AttendancePage,
    AttendanceStatus,
    AttendanceUpsert,
    AttendanceUpsertResult,
)

router = APIRouter(
    prefix="/meetings/{meeting_id}/attendance", tags=["meetings"], dependencies=login_required
)

PersonId = Annotated[uuid.UUID, Path(description="The person's id.")]


@router.get(
    "",
    operation_id="meetings-attendance-list",
    responses=GUARDED_INPUT,
    response_model=AttendancePage,
)
async def list_attendance(
    read: ReaderDep,
    meeting: ReadableMeeting,
    subject: CurrentSubject,
    status: AttendanceStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Who was registered, present, excused or absent, by name. Personal data: the committee's
    admins see every row; a member sees only their own."""
    return await read.page(
        AttendancePage,
        partial(
            service_attendance.list_attendance,
            meeting=meeting,
            subject=subject,
            status=status,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.put("", operation_id="meetings-attendance-record", responses=RECORD)
def record_attendance(
    session: SessionDep,
    meeting: AttendanceEditableMeeting,
    subject: CurrentSubject,
    body: AttendanceUpsert,
    idempotency_key: IdempotencyKey = None,
) -> AttendanceUpsertResult:
    """Record the status of up to 1,000 people at once, all or nothing. People not listed are
    left as they are; a person's category and organisation are kept as first recorded."""
    return idempotency.once(
        session,
        key=idempotency_key,
        user_id=subject.user_id,
        scope=f"PUT /meetings/{meeting.id}/attendance",
        request=body,
        output=AttendanceUpsertResult,
        run=partial(
            service_attendance.record_attendance, session, meeting=meeting, entries=body.entries
        ),
    )


@router.delete(
    "/{person_id}", status_code=204, operation_id="meetings-attendance-delete", responses=GUARDED
)
def delete_attendance(
    session: SessionDep, meeting: AttendanceEditableMeeting, person_id: PersonId
) -> None:
    service_attendance.remove_attendance(session, meeting=meeting, person_id=person_id)
