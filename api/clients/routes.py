"""`/machine-clients`: registering, rotating and revoking machine clients (network_admin)."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from api.auth.deps import UserManager, login_required
from api.clients import service
from api.clients.schemas import (
    ClientCreate,
    ClientCreated,
    ClientPage,
    ClientPublic,
    ClientSecret,
    SecretRotate,
)
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import CREATE, DELETE, GUARDED, REFUSABLE, no_store, with_etag
from api.db import ReaderDep, SessionDep

ClientId = Annotated[uuid.UUID, Path(description="The machine client's id.")]

router = APIRouter(prefix="/machine-clients", tags=["machine clients"], dependencies=login_required)


@router.get("", response_model=ClientPage, operation_id="machine-clients-list", responses=GUARDED)
async def list_clients(
    read: ReaderDep, _: UserManager, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    return await read.page(ClientPage, partial(service.list_clients, limit=limit, cursor=cursor))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="machine-clients-create",
    responses=CREATE,
)
def register_client(
    session: SessionDep, subject: UserManager, body: ClientCreate, response: Response
) -> ClientCreated:
    """Register a system that syncs membership: its secret is in this answer and nowhere
    else. It acts on the committees named and on those covering its département, with its
    scopes only."""
    no_store(response)
    return service.register(session, data=body, actor_id=subject.user_id)


@router.get(
    "/{client_id}",
    response_model=ClientPublic,
    operation_id="machine-clients-get",
    responses=GUARDED,
)
async def get_client(read: ReaderDep, _: UserManager, client_id: ClientId) -> Response:
    described, version = await read.using_session(partial(service.read_client, client_id=client_id))
    return respond(ClientPublic, described, version=version)


@router.post("/{client_id}/secret", operation_id="machine-clients-rotate", responses=REFUSABLE)
def rotate_secret(
    session: SessionDep, _: UserManager, client_id: ClientId, body: SecretRotate, response: Response
) -> ClientSecret:
    """A new secret, shown once; the previous one keeps working for the hours asked."""
    no_store(response)
    client = service.get_client(session, client_id=client_id)
    return service.rotate_secret(
        session, client=client, previous_valid_for_hours=body.previous_valid_for_hours
    )


@router.delete(
    "/{client_id}/previous-secret",
    response_model=ClientPublic,
    operation_id="machine-clients-end-rotation",
    responses=DELETE,
)
def end_rotation(
    session: SessionDep,
    _: UserManager,
    client_id: ClientId,
    response: Response,
    if_match: IfMatch = None,
) -> ClientPublic:
    """The previous secret stops working now."""
    client = service.end_previous_secret(
        session, client=service.get_client(session, client_id=client_id), if_match=if_match
    )
    return with_etag(response, client.version, service.describe(session, client))


@router.post(
    "/{client_id}/revoke",
    response_model=ClientPublic,
    operation_id="machine-clients-revoke",
    responses=GUARDED,
)
def revoke_client(
    session: SessionDep, _: UserManager, client_id: ClientId, response: Response
) -> ClientPublic:
    """Its secrets and the tokens it holds stop working at once. It is kept: what it wrote
    stays attributed to it."""
    client = service.revoke(session, client=service.get_client(session, client_id=client_id))
    return with_etag(response, client.version, service.describe(session, client))
