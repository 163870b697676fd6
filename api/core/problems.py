"""The error tree and its RFC 9457 `application/problem+json` rendering.

Services raise these (or domain subclasses); one set of handlers renders them, FastAPI's
validation errors and Starlette's HTTP errors alike, so every error a client sees has one shape.
"""

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://ancrage.social.gouv.fr/problems/"

log = logging.getLogger(__name__)


class AppError(Exception):
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"
    slug: ClassVar[str] = "internal-error"
    # Commit what the service wrote before refusing (security side effects, e.g. revocations).
    keep_changes: ClassVar[bool] = False
    # What a domain error says when raised without a detail: `class NoSuchThing(NotFound):
    # default_detail = "No thing with this id."` needs no __init__ of its own.
    default_detail: ClassVar[str | None] = None

    def __init__(self, detail: str | None = None, *, headers: Mapping[str, str] | None = None):
        detail = detail or self.default_detail or self.title
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})

    @classmethod
    def type_uri(cls) -> str:
        return TYPE_BASE + cls.slug


class BadRequest(AppError):
    status, title, slug = 400, "Bad request", "bad-request"


class Unauthorized(AppError):
    status, title, slug = 401, "Unauthorized", "unauthorized"

    def __init__(self, detail: str | None = None, *, error: str = "invalid_token"):
        challenge = f'Bearer error="{error}"' if error else "Bearer"
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class Forbidden(AppError):
    status, title, slug = 403, "Forbidden", "forbidden"


class NotFound(AppError):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(AppError):
    status, title, slug = 409, "Conflict", "conflict"


class PreconditionFailed(AppError):
    status, title, slug = 412, "Precondition failed", "precondition-failed"


class PreconditionRequired(AppError):
    status, title, slug = 428, "Precondition required", "precondition-required"


class ServiceUnavailable(AppError):
    """Nothing wrong with the request: the server could not serve it now (a write that waited
    too long for the database's lock). The same request may succeed after `Retry-After`."""

    status, title, slug = 503, "Service unavailable", "service-unavailable"
    retry_after_seconds: ClassVar[int] = 1

    def __init__(self, detail: str | None = None):
        super().__init__(detail, headers={"Retry-After": str(self.retry_after_seconds)})


class InvalidInput(AppError):
    """Well-formed input that breaks a domain rule about its own values (not about state)."""

    status, title, slug = 422, "Invalid input", "validation-error"

    def __init__(self, detail: str, *, field: str | Sequence[str | int] | None = None):
        super().__init__(detail)
        loc = [field] if isinstance(field, str) else list(field or [])
        self.errors = [{"loc": ["body", *loc], "msg": detail, "type": "value_error"}]


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details, as every error response carries them."""

    model_config = ConfigDict(json_schema_extra={"additionalProperties": True})

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def problem_content() -> dict[str, Any]:
    return {"content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def problem_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the problems it can answer, documented in OpenAPI."""
    return {error.status: {"description": error.title, **problem_content()} for error in errors}


def _clean_errors(raw: Sequence[Any]) -> list[dict[str, Any]]:
    # Never echo `input` or `ctx` back: they can hold passwords or personal data.
    return [
        {
            "loc": [p if isinstance(p, int) else str(p) for p in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in raw
    ]


def _is_unsupported_media(request: Request, exc: RequestValidationError) -> bool:
    # FastAPI passes a JSON route's body through as raw bytes when the content type is not JSON.
    return isinstance(exc.body, bytes | bytearray) and bool(exc.body)


async def _app_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(
        exc.status,
        exc.title,
        exc.detail,
        slug=exc.slug,
        errors=getattr(exc, "errors", None),
        headers=exc.headers,
    )


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if _is_unsupported_media(request, exc):
        return problem_response(
            415,
            "Unsupported media type",
            "The request body must be JSON (Content-Type: application/json).",
            slug="unsupported-media-type",
        )
    errors = _clean_errors(exc.errors())
    fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    return problem_response(
        422,
        "Invalid input",
        f"The request has invalid fields: {fields}" if fields else "The request is invalid.",
        slug="validation-error",
        errors=errors,
    )


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    slug = phrase.lower().replace(" ", "-")
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        # Starlette names only the first matching route's methods; a path has several routes.
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(exc.status_code, phrase, detail, slug=slug, headers=headers)


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        if re.fullmatch(re.sub(r"\{[^/]+\}", "[^/]+", template), request.url.path):
            methods.update(m.upper() for m in operations)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        500, "Internal error", "An unexpected error occurred.", slug="internal-error"
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
