import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.auth.deps import login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import DELETE, GUARDED, GUARDED_INPUT, UPDATE, created, with_etag
from api.core.schemas import IsoMoment
from api.db import ReaderDep, SessionDep
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

router = APIRouter(tags=["meetings"], dependencies=login_required)


@router.get(
    "/committees/{committee_id}/meetings",
    operation_id="meetings-list",
    responses=GUARDED_INPUT,
    response_model=MeetingPage,
)
async def list_meetings(
    read: ReaderDep,
    committee_id: MeetingsReadableCommittee,
    starts_from: Annotated[
        IsoMoment | None,
        Query(alias="from", description="Meetings starting at or after this time."),
    ] = None,
    starts_before: Annotated[
        IsoMoment | None, Query(alias="to", description="Meetings starting before this time.")
    ] = None,
    kind: MeetingKind | None = None,
    body_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's meetings, in order of start time (oldest first)."""
    filters = service.MeetingFilters(
        starts_from=starts_from, starts_before=starts_before, kind=kind, body_id=body_id
    )
    return await read.page(
        MeetingPage,
        partial(
            service.list_meetings,
            committee_id=committee_id,
            filters=filters,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/committees/{committee_id}/meetings",
    status_code=201,
    operation_id="meetings-create",
    responses=GUARDED_INPUT,
)
def create_meeting(
    session: SessionDep,
    committee: MeetingsEditableCommittee,
    body: MeetingCreate,
    request: Request,
    response: Response,
) -> MeetingPublic:
    meeting = service.create_meeting(session, committee_id=committee.id, data=body)
    created(request, response, meeting.version, at="meetings-get", meeting_id=meeting.id)
    return service.to_public(meeting)


@router.get(
    "/meetings/{meeting_id}",
    operation_id="meetings-get",
    responses=GUARDED,
    response_model=MeetingPublic,
)
async def get_meeting(meeting: ReadableMeeting) -> Response:
    return respond(MeetingPublic, meeting, version=meeting.version)


@router.patch("/meetings/{meeting_id}", operation_id="meetings-update", responses=UPDATE)
def update_meeting(
    session: SessionDep,
    meeting: EditableMeeting,
    body: MeetingUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingPublic:
    meeting = service.update_meeting(session, meeting=meeting, data=body, if_match=if_match)
    return with_etag(response, meeting.version, service.to_public(meeting))


@router.delete(
    "/meetings/{meeting_id}", status_code=204, operation_id="meetings-delete", responses=DELETE
)
def delete_meeting(session: SessionDep, meeting: EditableMeeting, if_match: IfMatch = None) -> None:
    """Delete a meeting that holds nothing (409 naming what it holds: attendance, decisions,
    headcount, motions, expense claims, or the relays and programme steps that refer to it)."""
    service.delete_meeting(session, meeting=meeting, if_match=if_match)
