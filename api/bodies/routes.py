from fastapi import APIRouter, Response, status

from api.auth.deps import login_required
from api.bodies import service
from api.bodies.deps import BodiesEditable, BodiesReadable, EditableBody, ReadableBody
from api.bodies.schemas import BodyCreate, BodyKind, BodyPage, BodyPublic, BodyUpdate
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

router = APIRouter(tags=["bodies"], dependencies=login_required)


@router.get(
    "/committees/{committee_id}/bodies",
    response_model=BodyPage,
    operation_id="bodies-list",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput),
)
def list_bodies(
    session: SessionDep,
    committee: BodiesReadable,
    kind: BodyKind | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> BodyPage:
    """The committee's bodies (COPIL, COTECH, plenary, agora…), ordered by name."""
    items, next_cursor = service.list_bodies(
        session, committee_id=committee.id, kind=kind, limit=limit, cursor=cursor
    )
    return BodyPage(items=items, next_cursor=next_cursor)


@router.post(
    "/committees/{committee_id}/bodies",
    response_model=BodyPublic,
    status_code=status.HTTP_201_CREATED,
    operation_id="bodies-create",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput),
)
def create_body(
    session: SessionDep, committee: BodiesEditable, body: BodyCreate, response: Response
) -> BodyPublic:
    created = service.create_body(session, committee_id=committee.id, data=body)
    set_etag(response, created.version)
    response.headers["Location"] = f"/api/v1/bodies/{created.id}"
    return BodyPublic.model_validate(created)


@router.get(
    "/bodies/{body_id}",
    response_model=BodyPublic,
    operation_id="bodies-get",
    responses=problem_responses(Unauthorized, Forbidden, NotFound),
)
def get_body(body: ReadableBody, response: Response) -> BodyPublic:
    set_etag(response, body.version)
    return BodyPublic.model_validate(body)


@router.patch(
    "/bodies/{body_id}",
    response_model=BodyPublic,
    operation_id="bodies-update",
    responses=problem_responses(
        Unauthorized, Forbidden, NotFound, InvalidInput, PreconditionFailed
    ),
)
def update_body(
    session: SessionDep,
    body: EditableBody,
    changes: BodyUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> BodyPublic:
    updated = service.update_body(session, body=body, data=changes, if_match=if_match)
    set_etag(response, updated.version)
    return BodyPublic.model_validate(updated)


@router.delete(
    "/bodies/{body_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="bodies-delete",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed),
)
def delete_body(session: SessionDep, body: EditableBody, if_match: IfMatch = None) -> None:
    """Delete a body no membership or meeting refers to (409 otherwise: history is kept)."""
    service.delete_body(session, body=body, if_match=if_match)
