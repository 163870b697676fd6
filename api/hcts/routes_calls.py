"""Calls for candidates to HCTS working groups (public reads) and their candidatures."""

import uuid
from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import CurrentSubject, HctsManager, OptionalSubject, PublicRouter, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CREATE,
    CREATE_IN,
    DELETE,
    GUARDED,
    GUARDED_INPUT,
    LIST,
    READ_ONE,
    REFUSABLE,
    UPDATE,
    created,
    with_etag,
)
from api.core.schemas import QueryBool
from api.db import ReaderDep, SessionDep
from api.hcts import service_calls as service
from api.hcts.deps_calls import (
    DecidableCandidature,
    ExistingCall,
    ManagedCall,
    ShownCandidature,
    VisibleCall,
    WithdrawableCandidature,
)
from api.hcts.schemas_calls import (
    CallCreate,
    CallPage,
    CallPublic,
    CallUpdate,
    CandidatureCreate,
    CandidatureDecision,
    CandidaturePage,
    CandidaturePublic,
    CandidatureStatus,
)

# Open calls are public: committees and the people they may propose read them anonymously.
public_router = PublicRouter(tags=["hcts"])
router = APIRouter(tags=["hcts"], dependencies=login_required)

CALLS = "/hcts/calls"
CALL = CALLS + "/{call_id}"
CANDIDATURES = CALL + "/candidatures"
CANDIDATURE = CANDIDATURES + "/{candidature_id}"


@public_router.get(CALLS, operation_id="hcts-calls-list", responses=LIST, response_model=CallPage)
async def list_calls(
    read: ReaderDep,
    subject: OptionalSubject,
    open: QueryBool | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Calls for candidates by deadline; `open=true` keeps those whose deadline is not past."""
    return await read.page(
        CallPage,
        partial(service.list_calls, subject=subject, open_filter=open, limit=limit, cursor=cursor),
    )


@router.post(CALLS, status_code=201, operation_id="hcts-calls-create", responses=CREATE)
def create_call(
    session: SessionDep,
    _manager: HctsManager,
    body: CallCreate,
    request: Request,
    response: Response,
) -> CallPublic:
    """Open a call for candidates to an HCTS working group (network_admin)."""
    call = service.create_call(session, data=body)
    created(request, response, call.version, at="hcts-calls-get", call_id=call.id)
    return service.call_public(call)


@public_router.get(
    CALL, operation_id="hcts-calls-get", responses=READ_ONE, response_model=CallPublic
)
async def get_call(call: VisibleCall) -> Response:
    """A call for candidates, with whether it is still open today."""
    return respond(CallPublic, service.call_public(call), version=call.version)


@router.patch(CALL, operation_id="hcts-calls-update", responses=UPDATE)
def update_call(
    session: SessionDep,
    call: ManagedCall,
    body: CallUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> CallPublic:
    """Change a call (network_admin); moving the deadline reopens or closes it."""
    call = service.update_call(session, call=call, data=body, if_match=if_match)
    return with_etag(response, call.version, service.call_public(call))


@router.delete(CALL, status_code=204, operation_id="hcts-calls-delete", responses=DELETE)
def delete_call(session: SessionDep, call: ManagedCall, if_match: IfMatch = None) -> None:
    """Delete a call no committee has answered (409 otherwise)."""
    service.delete_call(session, call=call, if_match=if_match)


@router.get(
    CANDIDATURES,
    operation_id="hcts-candidatures-list",
    responses=GUARDED_INPUT,
    response_model=CandidaturePage,
)
async def list_candidatures(
    read: ReaderDep,
    call: ExistingCall,
    subject: CurrentSubject,
    committee_id: uuid.UUID | None = None,
    status: CandidatureStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The call's candidatures of the committees whose candidatures the caller reads."""
    return await read.page(
        CandidaturePage,
        partial(
            service.list_candidatures,
            call_id=call.id,
            subject=subject,
            committee_id=committee_id,
            status=status,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    CANDIDATURES, status_code=201, operation_id="hcts-candidatures-create", responses=CREATE_IN
)
def propose(
    session: SessionDep,
    call: ExistingCall,
    subject: CurrentSubject,
    body: CandidatureCreate,
    request: Request,
    response: Response,
) -> CandidaturePublic:
    """Propose a current member of the committee (its admin); 409 after the deadline."""
    candidature, version = service.propose(session, call=call, data=body, subject=subject)
    created(
        request,
        response,
        version,
        at="hcts-candidatures-get",
        call_id=call.id,
        candidature_id=candidature.id,
    )
    return candidature


@router.get(
    CANDIDATURE,
    operation_id="hcts-candidatures-get",
    responses=GUARDED,
    response_model=CandidaturePublic,
)
async def get_candidature(candidature: ShownCandidature) -> Response:
    """A candidature of a committee whose candidatures the caller reads."""
    shown, version = candidature
    return respond(CandidaturePublic, shown, version=version)


@router.post(
    CANDIDATURE + "/decision",
    operation_id="hcts-candidatures-decide",
    responses=CREATE_IN,
)
def decide(
    session: SessionDep,
    candidature: DecidableCandidature,
    manager: HctsManager,
    body: CandidatureDecision,
    response: Response,
) -> CandidaturePublic:
    """Accept or decline a proposed candidature (network_admin), deadline passed or not."""
    shown, version = service.decide(session, candidature=candidature, data=body, subject=manager)
    return with_etag(response, version, shown)


@router.post(
    CANDIDATURE + "/withdrawal",
    operation_id="hcts-candidatures-withdraw",
    responses=REFUSABLE,
)
def withdraw(
    session: SessionDep,
    call: ExistingCall,
    candidature: WithdrawableCandidature,
    response: Response,
) -> CandidaturePublic:
    """Withdraw a proposed candidature before the deadline (the committee's admin)."""
    shown, version = service.withdraw(session, call=call, candidature=candidature)
    return with_etag(response, version, shown)
