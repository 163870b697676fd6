import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.auth.deps import login_required
from api.core.pagination import Cursor, Limit
from api.core.responses import GUARDED, GUARDED_INPUT, location
from api.db import ReaderDep, SessionDep
from api.meetings import service_decisions
from api.meetings.deps import EditableMeeting, ListedMeeting
from api.meetings.schemas import DecisionCreate, DecisionPage, DecisionPublic

router = APIRouter(
    prefix="/meetings/{meeting_id}/decisions", tags=["meetings"], dependencies=login_required
)

DecisionId = Annotated[uuid.UUID, Path(description="The decision's id.")]


@router.get(
    "",
    operation_id="meetings-decisions-list",
    responses=GUARDED_INPUT,
    response_model=DecisionPage,
)
async def list_decisions(
    read: ReaderDep, meeting: ListedMeeting, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The meeting's record of decisions (*relevé de décisions*), in order."""
    return await read.page(
        DecisionPage,
        partial(
            service_decisions.list_decisions, meeting_id=meeting.id, limit=limit, cursor=cursor
        ),
    )


@router.post("", status_code=201, operation_id="meetings-decisions-create", responses=GUARDED_INPUT)
def add_decision(
    session: SessionDep,
    meeting: EditableMeeting,
    body: DecisionCreate,
    request: Request,
    response: Response,
) -> DecisionPublic:
    """Add a decision at the end of the record."""
    decision = service_decisions.add_decision(session, meeting=meeting, data=body)
    # A decision has no GET of its own (and no version): its URL is the one DELETE takes.
    response.headers["Location"] = location(
        request, "meetings-decisions-delete", meeting_id=meeting.id, decision_id=decision.id
    )
    return DecisionPublic.model_validate(decision)


@router.delete(
    "/{decision_id}", status_code=204, operation_id="meetings-decisions-delete", responses=GUARDED
)
def delete_decision(session: SessionDep, meeting: EditableMeeting, decision_id: DecisionId) -> None:
    service_decisions.delete_decision(session, meeting=meeting, decision_id=decision_id)
