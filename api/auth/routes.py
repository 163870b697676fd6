"""Login and token refresh: the only routes open without a token."""

from typing import Annotated, Literal

from fastapi import Depends, Form, Response

from api.auth import service
from api.auth.deps import PublicRouter
from api.auth.schemas import RefreshRequest, TokenPair
from api.config import SettingsDep
from api.core.problems import Unauthorized, problem_responses
from api.db import SessionDep


def _no_store(response: Response) -> None:
    # Tokens in the body: no cache may keep them (RFC 6749 §5.1). The request carried no
    # Authorization header, so the app's own no-store does not apply.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


public_router = PublicRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(_no_store)])


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
