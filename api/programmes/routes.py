"""Work programmes and their lifecycle; actions and tags are in their own route files."""

from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import CurrentSubject, OptionalSubject, PublicRouter, login_required
from api.committees.guards import ReadableCommitteeId
from api.core.etags import IfMatch
from api.core.pagination import AsOf, Cursor, Limit
from api.core.reads import respond, respond_page
from api.core.responses import CHANGE, DELETE, GUARDED_INPUT, LIST_IN, READ_ONE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.programmes import service, service_transitions
from api.programmes.deps import ProgrammeCommittee, ReadableProgramme, WritableProgramme
from api.programmes.schemas import (
    ProgrammeCreate,
    ProgrammePage,
    ProgrammePublic,
    ProgrammeStatus,
    ProgrammeTransitionCreate,
    ProgrammeTransitionHistory,
    ProgrammeUpdate,
)

# Reads of published programmes are open to anonymous callers; the rest needs a login.
public_router = PublicRouter(tags=["work-programmes"])
router = APIRouter(tags=["work-programmes"], dependencies=login_required)


@public_router.get(
    "/committees/{committee_id}/work-programmes",
    operation_id="work-programmes-list",
    responses=LIST_IN,
    response_model=ProgrammePage,
)
async def list_programmes(
    read: ReaderDep,
    committee_id: ReadableCommitteeId,
    subject: OptionalSubject,
    status: ProgrammeStatus | None = None,
    as_of: AsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's programmes the caller may read (drafts and proposals only for its
    members and admins), by period start. With `as_of`, the programmes drafted by that day,
    each with the status it had then (from its transitions): `status` filters on it and
    shows it; who may read a programme still follows today's status."""
    return await read.page(
        ProgrammePage,
        partial(
            service.list_programmes,
            committee_id=committee_id,
            subject=subject,
            status=status,
            as_of=as_of,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/committees/{committee_id}/work-programmes",
    status_code=201,
    operation_id="work-programmes-create",
    responses=GUARDED_INPUT,
)
def create_programme(
    session: SessionDep,
    committee: ProgrammeCommittee,
    subject: CurrentSubject,
    body: ProgrammeCreate,
    request: Request,
    response: Response,
) -> ProgrammePublic:
    """A new programme, in draft."""
    programme = service.create_programme(
        session, committee_id=committee.id, data=body, actor_id=subject.user_id
    )
    created(
        request, response, programme.version, at="work-programmes-get", programme_id=programme.id
    )
    return ProgrammePublic.model_validate(programme)


@public_router.get(
    "/work-programmes/{programme_id}",
    operation_id="work-programmes-get",
    responses=READ_ONE,
    response_model=ProgrammePublic,
)
async def get_programme(programme: ReadableProgramme) -> Response:
    return respond(ProgrammePublic, programme, version=programme.version)


@router.patch(
    "/work-programmes/{programme_id}", operation_id="work-programmes-update", responses=CHANGE
)
def update_programme(
    session: SessionDep,
    programme: WritableProgramme,
    body: ProgrammeUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ProgrammePublic:
    """Change the title or period (409 once validated: move it back to 'proposed' first)."""
    programme = service.update_programme(session, programme=programme, data=body, if_match=if_match)
    return with_etag(response, programme.version, ProgrammePublic.model_validate(programme))


@router.delete(
    "/work-programmes/{programme_id}",
    status_code=204,
    operation_id="work-programmes-delete",
    responses=DELETE,
)
def delete_programme(
    session: SessionDep, programme: WritableProgramme, if_match: IfMatch = None
) -> None:
    """Delete a draft programme with its content (409 for any other status, or for a draft
    with a history: sent back from `proposed`, or with measurements; its history is kept)."""
    service.delete_programme(session, programme=programme, if_match=if_match)


@public_router.get(
    "/work-programmes/{programme_id}/transitions",
    operation_id="work-programmes-transitions-list",
    responses=READ_ONE,
    response_model=ProgrammeTransitionHistory,
)
async def list_transitions(read: ReaderDep, programme: ReadableProgramme) -> Response:
    """Every status the programme has had, oldest first, with who and which meeting."""
    changes = await read.using_session(
        partial(service_transitions.history, programme_id=programme.id)
    )
    return respond_page(ProgrammeTransitionHistory, (changes, None))


@router.post(
    "/work-programmes/{programme_id}/transitions",
    operation_id="work-programmes-transitions-create",
    responses=CHANGE,
)
def change_status(
    session: SessionDep,
    programme: WritableProgramme,
    subject: CurrentSubject,
    body: ProgrammeTransitionCreate,
    response: Response,
    if_match: IfMatch = None,
) -> ProgrammePublic:
    """Move the programme to a new status (409 naming the allowed moves if not allowed)."""
    programme = service_transitions.change_status(
        session, programme=programme, data=body, actor_id=subject.user_id, if_match=if_match
    )
    return with_etag(response, programme.version, ProgrammePublic.model_validate(programme))
