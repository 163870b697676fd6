"""Transport expense claims of *personnes accompagnées*, per meeting.

Claims are personal data: the claimant and the admins of the meeting's committee see them;
anyone else gets a 404."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_IN, GUARDED_INPUT, READ_ONE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.meetings import service_claims as service
from api.meetings.deps import ListedMeeting, MeetingOfMine
from api.meetings.schemas_claims import (
    ClaimCreate,
    ClaimPage,
    ClaimPublic,
    ClaimStatus,
    ClaimTransition,
)

router = APIRouter(tags=["claims"], dependencies=login_required)

ClaimId = Annotated[uuid.UUID, Path(description="The expense claim's id.")]


@router.post(
    "/meetings/{meeting_id}/claims",
    status_code=201,
    operation_id="claims-create",
    responses=CREATE_IN,
)
def create_claim(
    session: SessionDep,
    meeting: MeetingOfMine,
    subject: CurrentSubject,
    body: ClaimCreate,
    request: Request,
    response: Response,
) -> ClaimPublic:
    """Claim transport costs for a *personne accompagnée* marked present at the meeting.

    The person submits their own; a committee admin may submit on their behalf. 409 when the
    person is not marked present; 422 when their category that day was not
    `person_supported`."""
    claim = service.create_claim(session, meeting=meeting, data=body, subject=subject)
    created(request, response, claim.version, at="claims-get", claim_id=claim.id)
    return service.to_public(claim)


@router.get(
    "/meetings/{meeting_id}/claims",
    operation_id="claims-list",
    responses=GUARDED_INPUT,
    response_model=ClaimPage,
)
async def list_claims(
    read: ReaderDep,
    meeting: ListedMeeting,
    subject: CurrentSubject,
    status: ClaimStatus | None = None,
    person_id: Annotated[uuid.UUID | None, Query(description="Claims of this person.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The meeting's claims, oldest first: all of them for the committee's admins, their own
    for anyone else."""
    return await read.page(
        ClaimPage,
        partial(
            service.list_claims,
            meeting_id=meeting.id,
            committee_id=meeting.committee_id,
            subject=subject,
            filters=service.ClaimFilters(status=status, person_id=person_id),
            limit=limit,
            cursor=cursor,
        ),
    )


@router.get(
    "/claims/{claim_id}", operation_id="claims-get", responses=READ_ONE, response_model=ClaimPublic
)
async def get_claim(read: ReaderDep, subject: CurrentSubject, claim_id: ClaimId) -> Response:
    claim = await read.using_session(partial(service.get_claim, claim_id=claim_id, subject=subject))
    return respond(ClaimPublic, service.to_public(claim), version=claim.version)


@router.post("/claims/{claim_id}/transitions", operation_id="claims-transition", responses=CHANGE)
def transition_claim(
    session: SessionDep,
    subject: CurrentSubject,
    claim_id: ClaimId,
    body: ClaimTransition,
    response: Response,
    if_match: IfMatch = None,
) -> ClaimPublic:
    """Decide on a claim (committee admins): submitted → approved | rejected, approved → paid;
    anything else is a 409. Nobody decides on their own claim."""
    claim = service.transition_claim(
        session, claim_id=claim_id, data=body, subject=subject, if_match=if_match
    )
    return with_etag(response, claim.version, service.to_public(claim))
