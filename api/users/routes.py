"""`/me` and user administration (logins and their role grants; network_admin only)."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from api.auth.deps import CurrentSubject, UserManager, login_required
from api.auth.throttle import ThrottleDep
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.problems import Forbidden, Unauthorized, problem_responses
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_UNIQUE, GUARDED, REFUSABLE, with_etag
from api.db import ReaderDep, SessionDep
from api.users import service as service_users
from api.users.schemas import (
    GrantCreate,
    GrantPublic,
    MePublic,
    UserCreate,
    UserPage,
    UserPublic,
    UserUpdate,
)

UserId = Annotated[uuid.UUID, Path(description="The user's id.")]
GrantId = Annotated[uuid.UUID, Path(description="The grant's id.")]

router = APIRouter(tags=["auth"], dependencies=login_required)
_me = problem_responses(Unauthorized, Forbidden)


@router.get("/me", response_model=MePublic, operation_id="me-get", responses=_me)
async def me(read: ReaderDep, subject: CurrentSubject) -> Response:
    """Who I am and which roles I hold (a user's: a machine client has none, a 403)."""
    if subject.client_id is not None:
        raise Forbidden("A machine client has no user profile: its registration says what it is.")
    described, _ = await read.using_session(
        partial(service_users.read_user, user_id=subject.user_id)
    )
    return respond(MePublic, described)


_admin = problem_responses(Unauthorized, Forbidden)


@router.get("/users", response_model=UserPage, operation_id="users-list", responses=_admin)
async def list_users(
    read: ReaderDep,
    _: UserManager,
    limit: Limit = 50,
    cursor: Cursor = None,
    q: Annotated[str | None, Query(max_length=100, description="Search email and name.")] = None,
) -> Response:
    return await read.page(
        UserPage, partial(service_users.list_users, limit=limit, cursor=cursor, q=q)
    )


@router.post(
    "/users",
    response_model=UserPublic,
    status_code=status.HTTP_201_CREATED,
    operation_id="users-create",
    responses=CREATE_UNIQUE,
)
def create_user(
    session: SessionDep, _: UserManager, body: UserCreate, response: Response
) -> UserPublic:
    user = service_users.create_user(session, data=body)
    return with_etag(response, user.version, service_users.describe_user(session, user=user))


@router.get(
    "/users/{user_id}",
    response_model=UserPublic,
    operation_id="users-get",
    responses=GUARDED,
)
async def get_user(read: ReaderDep, _: UserManager, user_id: UserId) -> Response:
    described, version = await read.using_session(partial(service_users.read_user, user_id=user_id))
    return respond(UserPublic, described, version=version)


@router.patch(
    "/users/{user_id}",
    response_model=UserPublic,
    operation_id="users-update",
    responses=CHANGE,
)
def update_user(
    session: SessionDep,
    _: UserManager,
    user_id: UserId,
    body: UserUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> UserPublic:
    user = service_users.get_user(session, user_id=user_id)
    user = service_users.update_user(session, user=user, data=body, if_match=if_match)
    return with_etag(response, user.version, service_users.describe_user(session, user=user))


@router.post(
    "/users/{user_id}/grants",
    response_model=GrantPublic,
    status_code=status.HTTP_201_CREATED,
    operation_id="users-grants-create",
    responses=REFUSABLE,
)
def add_grant(
    session: SessionDep, _: UserManager, user_id: UserId, body: GrantCreate
) -> GrantPublic:
    user = service_users.get_user(session, user_id=user_id)
    return GrantPublic.model_validate(service_users.add_grant(session, user=user, data=body))


@router.delete(
    "/users/{user_id}/grants/{grant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="users-grants-delete",
    responses=REFUSABLE,
)
def remove_grant(session: SessionDep, _: UserManager, user_id: UserId, grant_id: GrantId) -> None:
    user = service_users.get_user(session, user_id=user_id)
    service_users.remove_grant(session, user=user, grant_id=grant_id)


@router.post(
    "/users/{user_id}/unlock",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="users-unlock",
    responses=GUARDED,
)
def unlock_user(
    session: SessionDep, _: UserManager, throttle: ThrottleDep, user_id: UserId
) -> None:
    """Lift the lock (and any back-off) that failed logins put on the user's account."""
    user = service_users.get_user(session, user_id=user_id)
    service_users.unlock_login(throttle=throttle, user=user)
