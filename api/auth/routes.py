"""Login and token refresh: the only routes open without a token."""

from typing import Annotated, Literal

from fastapi import Depends, Form, Response

from api.auth import service
from api.auth.deps import PublicRouter
from api.auth.schemas import RefreshRequest, TokenPair
from api.auth.throttle import ClientAddress, ThrottleDep
from api.config import SettingsDep
from api.core.problems import (
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    problem_responses,
)
from api.db import SessionDep


def _no_store(response: Response) -> None:
    # Tokens in the body: no cache may keep them (RFC 6749 §5.1). The request carried no
    # Authorization header, so the app's own no-store does not apply.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


# 429: throttled after failures; 503: no password-hashing slot free in time (or no limiter).
_THROTTLED = problem_responses(Unauthorized, TooManyRequests, ServiceUnavailable)

public_router = PublicRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(_no_store)])


@public_router.post("/token", operation_id="auth-token", responses=_THROTTLED)
def token(
    session: SessionDep,
    settings: SettingsDep,
    throttle: ThrottleDep,
    address: ClientAddress,
    username: Annotated[str, Form(max_length=254, description="The user's email.")],
    password: Annotated[str, Form(max_length=256)],
    grant_type: Annotated[Literal["password"], Form()] = "password",
) -> TokenPair:
    """OAuth2 password grant: an email and password for an access and a refresh token.

    After repeated failures for an account or from a client address, attempts are refused
    with a 429 and `Retry-After` (doubling with each new failure), whatever the password;
    after more, the account is locked until a network_admin lifts it or the lock expires."""
    user = service.authenticate(
        session, throttle=throttle, email=username, password=password, address=address
    )
    return service.issue_tokens(session, settings=settings, user_id=user.id)


@public_router.post("/refresh", operation_id="auth-refresh", responses=_THROTTLED)
def refresh(
    session: SessionDep,
    settings: SettingsDep,
    throttle: ThrottleDep,
    address: ClientAddress,
    body: RefreshRequest,
) -> TokenPair:
    """Rotate a refresh token. A token used twice revokes every token of its session.
    Repeated failures from a client address are refused with a 429 and `Retry-After`."""
    return service.rotate_refresh_token(
        session,
        settings=settings,
        throttle=throttle,
        refresh_token=body.refresh_token,
        address=address,
    )
