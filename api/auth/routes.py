import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, Response

from api.auth import service, service_users
from api.auth.deps import CurrentSubject, UserManager, login_required
from api.auth.schemas import (
    GrantCreate,
    GrantPublic,
    MePublic,
    RefreshRequest,
    TokenPair,
    UserCreate,
    UserPage,
    UserPublic,
    UserUpdate,
)
from api.config import SettingsDep
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

UserId = Annotated[uuid.UUID, Path(description="The user's id.")]
GrantId = Annotated[uuid.UUID, Path(description="The grant's id.")]

public_router = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(tags=["auth"], dependencies=login_required)


@public_router.post("/token", operation_id="auth-token", responses=problem_responses(Unauthorized))
def token(
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=254, description="The user's email.")],
    password: Annotated[str, Form(max_length=256)],
    grant_type: Annotated[Literal["password"], Form()] = "password",
) -> TokenPair:
    """OAuth2 password grant: an email and password for an access and a refresh token."""
    user = service.authenticate(session, email=username, password=password)
    return service.issue_tokens(session, settings=settings, user_id=user.id)


@public_router.post(
    "/refresh", operation_id="auth-refresh", responses=problem_responses(Unauthorized)
)
def refresh(session: SessionDep, settings: SettingsDep, body: RefreshRequest) -> TokenPair:
    """Rotate a refresh token. A token used twice revokes every token of its session."""
    return service.rotate_refresh_token(
        session, settings=settings, refresh_token=body.refresh_token
    )


@router.get("/me", operation_id="me-get")
def me(session: SessionDep, subject: CurrentSubject) -> MePublic:
    """Who I am and which roles I hold."""
    user = service_users.get_user(session, user_id=subject.user_id)
    described = service_users.describe_user(session, user=user)
    return MePublic(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        person_id=user.person_id,
        grants=described.grants,
    )


_admin = problem_responses(Unauthorized, Forbidden)


@router.get("/users", response_model=UserPage, operation_id="users-list", responses=_admin)
def list_users(
    session: SessionDep,
    _: UserManager,
    limit: Limit = 50,
    cursor: Cursor = None,
    q: Annotated[str | None, Query(max_length=100, description="Search email and name.")] = None,
) -> UserPage:
    items, next_cursor = service_users.list_users(session, limit=limit, cursor=cursor, q=q)
    return UserPage(items=items, next_cursor=next_cursor)


@router.post(
    "/users",
    response_model=UserPublic,
    status_code=201,
    operation_id="users-create",
    responses=problem_responses(Unauthorized, Forbidden, Conflict, InvalidInput),
)
def create_user(
    session: SessionDep, _: UserManager, body: UserCreate, response: Response
) -> UserPublic:
    user = service_users.create_user(session, data=body)
    set_etag(response, user.version)
    return service_users.describe_user(session, user=user)


@router.get(
    "/users/{user_id}",
    response_model=UserPublic,
    operation_id="users-get",
    responses=problem_responses(Unauthorized, Forbidden, NotFound),
)
def get_user(
    session: SessionDep, _: UserManager, user_id: UserId, response: Response
) -> UserPublic:
    user = service_users.get_user(session, user_id=user_id)
    set_etag(response, user.version)
    return service_users.describe_user(session, user=user)


@router.patch(
    "/users/{user_id}",
    response_model=UserPublic,
    operation_id="users-update",
    responses=problem_responses(
        Unauthorized, Forbidden, NotFound, Conflict, InvalidInput, PreconditionFailed
    ),
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
    set_etag(response, user.version)
    return service_users.describe_user(session, user=user)


@router.post(
    "/users/{user_id}/grants",
    response_model=GrantPublic,
    status_code=201,
    operation_id="users-grants-create",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict),
)
def add_grant(
    session: SessionDep, _: UserManager, user_id: UserId, body: GrantCreate
) -> GrantPublic:
    user = service_users.get_user(session, user_id=user_id)
    return GrantPublic.model_validate(service_users.add_grant(session, user=user, data=body))


@router.delete(
    "/users/{user_id}/grants/{grant_id}",
    status_code=204,
    operation_id="users-grants-delete",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict),
)
def remove_grant(session: SessionDep, _: UserManager, user_id: UserId, grant_id: GrantId) -> None:
    user = service_users.get_user(session, user_id=user_id)
    service_users.remove_grant(session, user=user, grant_id=grant_id)
