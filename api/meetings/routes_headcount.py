from fastapi import APIRouter, Response

from api.auth.deps import login_required
from api.core.etags import IfMatch
from api.core.reads import respond
from api.core.responses import GUARDED, REMOVE, UPDATE, with_etag
from api.db import SessionDep
from api.meetings import service_headcount
from api.meetings.deps import EditableMeeting, ReadableHeadcount
from api.meetings.schemas import HeadcountPublic, HeadcountPut

router = APIRouter(
    prefix="/meetings/{meeting_id}/headcount", tags=["meetings"], dependencies=login_required
)


@router.get(
    "", operation_id="meetings-headcount-get", responses=GUARDED, response_model=HeadcountPublic
)
async def get_headcount(found: ReadableHeadcount) -> Response:
    """How many took part, by category, and how many structures (404 if none was recorded)."""
    headcount = found.headcount
    if headcount is None:
        raise service_headcount.HeadcountNotFound()
    version = service_headcount.version_of(headcount["updated_at"])
    return respond(HeadcountPublic, headcount, version=version)


@router.put("", operation_id="meetings-headcount-put", responses=UPDATE)
def put_headcount(
    session: SessionDep,
    meeting: EditableMeeting,
    body: HeadcountPut,
    response: Response,
    if_match: IfMatch = None,
) -> HeadcountPublic:
    """Record the headcount, replacing any earlier one. When both a total and counts are given,
    the counts must add up to the total."""
    headcount = service_headcount.put_headcount(
        session, meeting=meeting, data=body, if_match=if_match
    )
    return with_etag(response, service_headcount.version_of(headcount.updated_at), headcount)


@router.delete("", status_code=204, operation_id="meetings-headcount-delete", responses=REMOVE)
def delete_headcount(
    session: SessionDep, meeting: EditableMeeting, if_match: IfMatch = None
) -> None:
    service_headcount.delete_headcount(session, meeting=meeting, if_match=if_match)
