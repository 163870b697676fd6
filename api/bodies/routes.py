from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import PublicRouter, login_required
from api.bodies import service
from api.bodies.deps import BodiesEditable, CommitteeOfBodies, EditableBody, ReadableBody
from api.bodies.schemas import BodyCreate, BodyKind, BodyPage, BodyPublic, BodyUpdate
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import DELETE, GUARDED, GUARDED_INPUT, UPDATE, created, with_etag
from api.db import ReaderDep, SessionDep

# A committee's bodies are named publicly, as its directory entry is; who sits in them needs a
# login (memberships, composition).
public_router = PublicRouter(tags=["bodies"])
router = APIRouter(tags=["bodies"], dependencies=login_required)


@public_router.get(
    "/committees/{committee_id}/bodies",
    operation_id="bodies-list",
    responses=GUARDED_INPUT,
    response_model=BodyPage,
)
async def list_bodies(
    read: ReaderDep,
    committee_id: CommitteeOfBodies,
    kind: BodyKind | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's bodies (COPIL, COTECH, plenary, agora…), ordered by name: their kind,
    name and description, never who sits in them. Whoever may see the committee reads them."""
    return await read.page(
        BodyPage,
        partial(
            service.list_bodies, committee_id=committee_id, kind=kind, limit=limit, cursor=cursor
        ),
    )


@router.post(
    "/committees/{committee_id}/bodies",
    status_code=201,
    operation_id="bodies-create",
    responses=GUARDED_INPUT,
)
def create_body(
    session: SessionDep,
    committee: BodiesEditable,
    body: BodyCreate,
    request: Request,
    response: Response,
) -> BodyPublic:
    new = service.create_body(session, committee_id=committee.id, data=body)
    created(request, response, new.version, at="bodies-get", body_id=new.id)
    return BodyPublic.model_validate(new)


@router.get(
    "/bodies/{body_id}", operation_id="bodies-get", responses=GUARDED, response_model=BodyPublic
)
async def get_body(body: ReadableBody) -> Response:
    return respond(BodyPublic, body, version=body.version)


@router.patch("/bodies/{body_id}", operation_id="bodies-update", responses=UPDATE)
def update_body(
    session: SessionDep,
    body: EditableBody,
    changes: BodyUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> BodyPublic:
    updated = service.update_body(session, body=body, data=changes, if_match=if_match)
    return with_etag(response, updated.version, BodyPublic.model_validate(updated))


@router.delete("/bodies/{body_id}", status_code=204, operation_id="bodies-delete", responses=DELETE)
def delete_body(session: SessionDep, body: EditableBody, if_match: IfMatch = None) -> None:
    """Delete a body no membership or meeting refers to (409 otherwise: history is kept)."""
    service.delete_body(session, body=body, if_match=if_match)
