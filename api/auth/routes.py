"""Login and token refresh: the only routes open without a token."""

import base64
from typing import Annotated, Literal
from urllib.parse import unquote_plus

from fastapi import Depends, Form, Request

from api.auth import clients, service
from api.auth.deps import PublicRouter
from api.auth.schemas import ClientToken, RefreshRequest, TokenPair
from api.auth.throttle import ClientAddress, ThrottleDep
from api.config import SettingsDep
from api.core.problems import (
    InvalidInput,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    problem_responses,
)
from api.core.responses import no_store
from api.db import SessionDep

# 429: throttled after failures; 503: no password-hashing slot free in time (or no limiter).
_THROTTLED = problem_responses(Unauthorized, InvalidInput, TooManyRequests, ServiceUnavailable)

public_router = PublicRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(no_store)])


def _basic(request: Request) -> tuple[str, str] | None:
    """A client's id and secret sent with HTTP Basic (RFC 6749 §2.3.1: each form-encoded).
    Read from the request, not declared: the form is the other way, so it is optional, which
    an OpenAPI security requirement cannot say of one operation."""
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return unquote_plus(client_id), unquote_plus(secret)


@public_router.post(
    "/token",
    operation_id="auth-token",
    responses=_THROTTLED,
)
def token(
    session: SessionDep,
    settings: SettingsDep,
    throttle: ThrottleDep,
    address: ClientAddress,
    basic: Annotated[tuple[str, str] | None, Depends(_basic)],
    grant_type: Annotated[Literal["password", "client_credentials"], Form()] = "password",
    username: Annotated[
        str | None, Form(max_length=254, description="`password`: the user's email.")
    ] = None,
    password: Annotated[str | None, Form(max_length=256, description="`password`.")] = None,
    client_id: Annotated[
        str | None,
        Form(max_length=64, description="`client_credentials`, unless sent with HTTP Basic."),
    ] = None,
    client_secret: Annotated[
        str | None,
        Form(max_length=256, description="`client_credentials`, unless sent with HTTP Basic."),
    ] = None,
) -> TokenPair | ClientToken:
    """OAuth2 token endpoint. `password`: a user's email and password for an access and a
    refresh token. `client_credentials`: a machine client's id and secret, in the form or with
    HTTP Basic, for a short-lived access token alone.

    After repeated failures for an account or from a client address, attempts are refused
    with a 429 and `Retry-After` (doubling with each new failure), whatever the password;
    after more, the account is locked until a network_admin lifts it or the lock expires."""
    if grant_type == "client_credentials":
        if basic is not None:
            client_id, client_secret = basic
        client = clients.authenticate_client(
            session,
            throttle=throttle,
            client_id=_required(client_id, "client_id"),
            secret=_required(client_secret, "client_secret"),
            address=address,
        )
        return clients.issue_client_token(settings, client)
    user = service.authenticate(
        session,
        throttle=throttle,
        email=_required(username, "username"),
        password=_required(password, "password"),
        address=address,
    )
    return service.issue_tokens(session, settings=settings, user_id=user.id)


def _required(value: str | None, name: str) -> str:
    if not value:
        raise InvalidInput(f"This grant needs `{name}`.", field=name)
    return value


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
