"""Votes at a meeting: motions, their computed results, and ballots.

Members of the committee read the motions and their aggregated results; who voted what is
personal data, listed to the committee's admins only."""

from functools import partial

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from api.auth.deps import CurrentSubject, login_required
from api.auth.permissions import Subject
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CREATE_IN,
    GUARDED,
    GUARDED_INPUT,
    TRANSITION,
    created,
    with_etag,
)
from api.db import ReaderDep, SessionDep
from api.meetings import service_votes as service
from api.meetings.deps import (
    BallotsReadableMotion,
    EditableMeeting,
    ListedMeeting,
    MeetingOfMine,
    MotionId,
    ReadableMotion,
)
from api.meetings.models import Motion
from api.meetings.schemas_votes import (
    BallotCreate,
    BallotPage,
    BallotPublic,
    MotionCreate,
    MotionPage,
    MotionPublic,
)

router = APIRouter(tags=["votes"], dependencies=login_required)


def _shown(session: Session, response: Response, motion: Motion, subject: Subject) -> MotionPublic:
    """The motion with its results as `subject` sees them, sent with its ETag."""
    return with_etag(
        response,
        service.motion_version(motion),
        service.motion_public(session, motion, subject=subject),
    )


@router.get(
    "/meetings/{meeting_id}/votes",
    operation_id="votes-list",
    responses=GUARDED_INPUT,
    response_model=MotionPage,
)
async def list_motions(
    read: ReaderDep,
    meeting: ListedMeeting,
    subject: CurrentSubject,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The meeting's motions, in the order they were put, with their results."""
    return await read.page(
        MotionPage,
        partial(
            service.list_motions, meeting_id=meeting.id, subject=subject, limit=limit, cursor=cursor
        ),
    )


@router.post(
    "/meetings/{meeting_id}/votes",
    status_code=201,
    operation_id="votes-create",
    responses=GUARDED_INPUT,
)
def create_motion(
    session: SessionDep,
    meeting: EditableMeeting,
    subject: CurrentSubject,
    body: MotionCreate,
    request: Request,
    response: Response,
) -> MotionPublic:
    """Put a motion to the vote; it is open for ballots until closed."""
    motion = service.create_motion(session, meeting=meeting, data=body)
    created(
        request,
        response,
        service.motion_version(motion),
        at="votes-get",
        meeting_id=meeting.id,
        motion_id=motion.id,
    )
    return service.motion_public(session, motion, subject=subject)


@router.get(
    "/meetings/{meeting_id}/votes/{motion_id}",
    operation_id="votes-get",
    responses=GUARDED,
    response_model=MotionPublic,
)
async def get_motion(motion: ReadableMotion) -> Response:
    return respond(
        MotionPublic, service.motion_item(motion), version=service.motion_version(motion)
    )


@router.post(
    "/meetings/{meeting_id}/votes/{motion_id}/close",
    operation_id="votes-close",
    responses=TRANSITION,
)
def close_motion(
    session: SessionDep,
    meeting: EditableMeeting,
    subject: CurrentSubject,
    motion_id: MotionId,
    response: Response,
    if_match: IfMatch = None,
) -> MotionPublic:
    """Close the vote: the results become final (409 if it is already closed)."""
    motion = service.close_motion(session, meeting=meeting, motion_id=motion_id, if_match=if_match)
    return _shown(session, response, motion, subject)


@router.post(
    "/meetings/{meeting_id}/votes/{motion_id}/ballots",
    status_code=201,
    operation_id="votes-ballots-create",
    responses=CREATE_IN,
)
def cast_ballot(
    session: SessionDep,
    meeting: MeetingOfMine,
    subject: CurrentSubject,
    motion_id: MotionId,
    body: BallotCreate,
) -> BallotPublic:
    """Cast a ballot: a committee admin records anyone's, a member casts their own.

    Refused with 409 when the motion is closed, the person already voted, or their attendance
    does not carry a vote (at an *agora*: marked present; at other meetings: registered or
    present); with 422 when the person never was a member of the committee."""
    ballot = service.cast_ballot(
        session, meeting=meeting, motion_id=motion_id, data=body, subject=subject
    )
    return BallotPublic.model_validate(ballot)


@router.get(
    "/meetings/{meeting_id}/votes/{motion_id}/ballots",
    operation_id="votes-ballots-list",
    responses=GUARDED_INPUT,
    response_model=BallotPage,
)
async def list_ballots(
    read: ReaderDep, motion: BallotsReadableMotion, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """Who voted what, in the order the ballots were cast (the committee's admins only)."""
    return await read.page(
        BallotPage, partial(service.list_ballots, motion_id=motion.id, limit=limit, cursor=cursor)
    )
