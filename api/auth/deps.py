"""Who is calling, as dependencies: a route's signature is its access policy."""

import inspect
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordBearer

from api.auth import clients, service
from api.auth.permissions import PUBLIC_SURFACE, Permission, Subject
from api.auth.tokens import InvalidToken, decode_access_token
from api.config import SettingsDep
from api.core.problems import Forbidden, Unauthorized
from api.db import ReaderDep
from api.outbox.service import acting

T = TypeVar("T")

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_optional_subject(
    read: ReaderDep, settings: SettingsDep, token: Annotated[str | None, Depends(_bearer)]
) -> Subject | None:
    """The caller, or None when anonymous. A token that is sent must be valid.

    Every authenticated request runs this: `async`, with the one query through the reader
    (on the event loop for PostgreSQL), it costs no worker-thread hop."""
    if token is None:
        return None
    try:
        claims = decode_access_token(settings, token)
    except InvalidToken as error:
        raise Unauthorized("The access token is invalid or expired.") from error
    if claims.client:
        subject = await read(partial(clients.load_client_subject, client_id=claims.user_id))
        if subject is None:
            raise Unauthorized("The access token's client is unknown or revoked.")
        acting(client_id=subject.client_id)
        return subject
    subject = await read(
        partial(service.load_subject, user_id=claims.user_id, issued_at=claims.issued_at)
    )
    if subject is None:
        raise Unauthorized("The access token's user is unknown or deactivated.")
    acting(user_id=subject.user_id)
    return subject


OptionalSubject = Annotated[Subject | None, Depends(get_optional_subject)]


# Pure checks are `async def`: FastAPI runs sync dependencies in a thread, a hop each.
async def get_current_subject(subject: OptionalSubject) -> Subject:
    if subject is None:
        raise Unauthorized("Authentication is required.", error="")
    return subject


CurrentSubject = Annotated[Subject, Depends(get_current_subject)]


async def require_users_manage(subject: CurrentSubject) -> Subject:
    if not subject.can(Permission.users_manage):
        raise Forbidden("Only a network_admin manages logins and roles.")
    return subject


UserManager = Annotated[Subject, Depends(require_users_manage)]


async def require_hcts_manage(subject: CurrentSubject) -> Subject:
    """HCTS and network content (publications, axes, calls and decisions, mandates, seminars,
    the newsletter) is the network's: network_admin alone writes it."""
    if not subject.can(Permission.hcts_manage):
        raise Forbidden("Only a network_admin manages HCTS and network content.")
    return subject


HctsManager = Annotated[Subject, Depends(require_hcts_manage)]


def hcts_managed(load: Callable[..., T]) -> Callable[..., Coroutine[Any, Any, T]]:
    """The row `load` (a dependency) finds, for a network_admin only: the check comes first,
    so others get a 403 whatever the row (the guard does not depend on it)."""

    async def dependency(_manager: HctsManager, found: Annotated[Any, Depends(load)]) -> T:
        return found  # type: ignore[no-any-return]

    return dependency


# Routers that require a login put this in their `dependencies=`.
login_required = [Depends(get_current_subject)]


class PublicRouter(APIRouter):
    """The router of operations anonymous callers reach (it has no `login_required`): each must
    be on `PUBLIC_SURFACE`, whose rule its OpenAPI description then states. Its routes still
    take `OptionalSubject` where a logged-in caller sees more."""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        operation_id = kwargs.get("operation_id") or ""
        rule = PUBLIC_SURFACE.get(operation_id)
        if rule is None:
            raise LookupError(
                f"{operation_id or path} is not on api.auth.permissions.PUBLIC_SURFACE: "
                "add it there (with what anonymous callers see) or require a login."
            )
        doc = kwargs.get("description") or inspect.cleandoc(endpoint.__doc__ or "")
        kwargs["description"] = f"{doc}\n\n{rule.value}" if doc else rule.value
        super().add_api_route(path, endpoint, **kwargs)
