"""Actions of a work programme (content under the validated-content lock)."""

from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import PublicRouter, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_IN, DELETE, LIST_IN, READ_ONE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.programmes import service_actions as service
from api.programmes.deps import (
    ReadableActionAnswer,
    ReadableProgramme,
    WritableAction,
    WritableProgramme,
)
from api.programmes.schemas import ActionCreate, ActionPage, ActionPublic, ActionUpdate

public_router = PublicRouter(tags=["work-programmes", "actions"])
router = APIRouter(tags=["work-programmes", "actions"], dependencies=login_required)


@public_router.get(
    "/work-programmes/{programme_id}/actions",
    operation_id="actions-list",
    responses=LIST_IN,
    response_model=ActionPage,
)
async def list_actions(
    read: ReaderDep, programme: ReadableProgramme, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The programme's actions in their order."""
    return await read.page(
        ActionPage,
        partial(service.list_actions_public, programme_id=programme.id, limit=limit, cursor=cursor),
    )


@router.post(
    "/work-programmes/{programme_id}/actions",
    status_code=201,
    operation_id="actions-create",
    responses=CREATE_IN,
)
def create_action(
    session: SessionDep,
    programme: WritableProgramme,
    body: ActionCreate,
    request: Request,
    response: Response,
) -> ActionPublic:
    """Append an action (409 once the programme is validated)."""
    action = service.create_action(session, programme=programme, data=body)
    created(request, response, action.version, at="actions-get", action_id=action.id)
    return service.to_public(session, action)


@public_router.get(
    "/actions/{action_id}",
    operation_id="actions-get",
    responses=READ_ONE,
    response_model=ActionPublic,
)
async def get_action(found: ReadableActionAnswer) -> Response:
    return respond(ActionPublic, found.public, version=found.version)


@router.patch("/actions/{action_id}", operation_id="actions-update", responses=CHANGE)
def update_action(
    session: SessionDep,
    found: WritableAction,
    body: ActionUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ActionPublic:
    """Change the action; `tag_ids` replaces its tags, `position` moves it (409 once the
    programme is validated)."""
    action = service.update_action(
        session, action=found.action, programme=found.programme, data=body, if_match=if_match
    )
    return with_etag(response, action.version, service.to_public(session, action))


@router.delete(
    "/actions/{action_id}", status_code=204, operation_id="actions-delete", responses=DELETE
)
def delete_action(session: SessionDep, found: WritableAction, if_match: IfMatch = None) -> None:
    """Delete the action with its content (409 once the programme is validated, or while its
    indicators hold measurements)."""
    service.delete_action(
        session, action=found.action, programme=found.programme, if_match=if_match
    )
