import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import AwareDatetime

from api.auth.deps import login_required
from api.core.etags import IfMatch, set_etag
from api.core.pagination import Cursor, Limit
from api.core.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    Unauthorized,
    problem_responses,
)
from api.db import SessionDep
from api.meetings import service
from api.meetings.deps import (
    EditableMeeting,
    MeetingsEditableCommittee,
    MeetingsReadableCommittee,
    ReadableMeeting,
)
from api.meetings.schemas import (
    MeetingCreate,
    MeetingKind,
    MeetingPage,
    MeetingPublic,
    MeetingUpdate,
)

router = APIRouter(dependencies=login_required)


@router.get(
    "/committees/{committee_id}/meetings",
    response_model=MeetingPage,
    tags=["meetings"],
    operation_id="meetings-list",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput),
)
def list_meetings(
    session: SessionDep,
    committee: MeetingsReadableCommittee,
    starts_from: Annotated[
        AwareDatetime | None,
        Query(alias="from", description="Meetings starting at or after this time."),
    ] = None,
    starts_before: Annotated[
        AwareDatetime | None, Query(alias="to", description="Meetings starting before this time.")
    ] = None,
    kind: MeetingKind | None = None,
    body_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> MeetingPage:
    """The committee's meetings, in order of start time (oldest first)."""
    filters = service.MeetingFilters(
        starts_from=starts_from, starts_before=starts_before, kind=kind, body_id=body_id
    )
    items, next_cursor = service.list_meetings(
        session, committee_id=committee.id, filters=filters, limit=limit, cursor=cursor
    )
    return MeetingPage(items=items, next_cursor=next_cursor)


@router.post(
    "/committees/{committee_id}/meetings",
    response_model=MeetingPublic,
    status_code=status.HTTP_201_CREATED,
    tags=["meetings"],
    operation_id="meetings-create",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput),
)
def create_meeting(
    session: SessionDep,
    committee: MeetingsEditableCommittee,
    body: MeetingCreate,
    response: Response,
) -> MeetingPublic:
    meeting = service.create_meeting(session, committee_id=committee.id, data=body)
    set_etag(response, meeting.version)
    response.headers["Location"] = f"/api/v1/meetings/{meeting.id}"
    return service.to_public(meeting)


@router.get(
    "/meetings/{meeting_id}",
    response_model=MeetingPublic,
    tags=["meetings"],
    operation_id="meetings-get",
    responses=problem_responses(Unauthorized, Forbidden, NotFound),
)
def get_meeting(meeting: ReadableMeeting, response: Response) -> MeetingPublic:
    set_etag(response, meeting.version)
    return service.to_public(meeting)


@router.patch(
    "/meetings/{meeting_id}",
    response_model=MeetingPublic,
    tags=["meetings"],
    operation_id="meetings-update",
    responses=problem_responses(
        Unauthorized, Forbidden, NotFound, InvalidInput, PreconditionFailed
    ),
)
def update_meeting(
    session: SessionDep,
    meeting: EditableMeeting,
    body: MeetingUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingPublic:
    meeting = service.update_meeting(session, meeting=meeting, data=body, if_match=if_match)
    set_etag(response, meeting.version)
    return service.to_public(meeting)


@router.delete(
    "/meetings/{meeting_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["meetings"],
    operation_id="meetings-delete",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed),
)
def delete_meeting(session: SessionDep, meeting: EditableMeeting, if_match: IfMatch = None) -> None:
    """Delete the meeting with its decisions, attendance, headcount and votes (409 if it has
    expense claims)."""
    service.delete_meeting(session, meeting=meeting, if_match=if_match)
