"""SCIM's error bodies (RFC 7644 §3.12) in place of problem+json under `/scim/v2`: the same
errors the services raise, rendered with `status` as a string and a `scimType` where the RFC
names one, in `application/scim+json`."""

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError
from scim2_models import SCIMException
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from api.core.problems import AppError, Conflict, InvalidInput, PreconditionRequired
from api.scim.filters import InvalidFilter

MEDIA_TYPE = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


class ScimError(Exception):
    """An error SCIM names (`scimType`), raised by this package's services."""

    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def scim_json(
    content: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(content), status_code=status, media_type=MEDIA_TYPE, headers=headers
    )


def error_response(
    status: int, detail: str, scim_type: str | None = None, headers: Mapping[str, str] | None = None
) -> Response:
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return scim_json(body, status=status, headers=headers)


def _from_app_error(error: AppError) -> Response:
    scim_type = None
    if isinstance(error, InvalidInput):
        scim_type = "invalidValue"
    elif isinstance(error, Conflict):
        scim_type = "uniqueness"
    status = error.status
    if isinstance(error, PreconditionRequired):
        status = 412  # SCIM has no 428: If-Match is optional there
    return error_response(status, error.detail, scim_type, error.headers)


async def render(exc: Exception) -> Response:
    if isinstance(exc, ScimError):
        return error_response(exc.status, exc.detail, exc.scim_type)
    if isinstance(exc, InvalidFilter):
        return error_response(400, str(exc), "invalidFilter")
    if isinstance(exc, SCIMException):
        error = exc.to_error()
        return error_response(int(error.status or 400), error.detail or str(exc), error.scim_type)
    if isinstance(exc, RequestValidationError | ValidationError):
        return error_response(400, _validation_detail(exc), "invalidValue")
    if isinstance(exc, AppError):
        return _from_app_error(exc)
    if isinstance(exc, StaleDataError):
        return error_response(412, "The resource changed while this request was writing it.")
    if isinstance(exc, IntegrityError):
        return error_response(409, "The change conflicts with existing data.", "uniqueness")
    raise exc


def _validation_detail(exc: RequestValidationError | ValidationError) -> str:
    errors = exc.errors()
    parts = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in errors[:5]]
    return "Invalid request: " + "; ".join(parts)


class ScimRoute(APIRoute):
    """A route whose errors, its dependencies' included (authentication, the session's
    commit), answer as SCIM errors."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # rendered, or re-raised, by `render`
                return await render(exc)

        return handle
