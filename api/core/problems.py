"""The error tree and its RFC 9457 `application/problem+json` rendering.

Services raise these (or domain subclasses); one set of handlers renders them, FastAPI's
validation errors and Starlette's HTTP errors alike, so every error a client sees has one shape.

Each class has a stable machine-readable `code` (a client shows its own text for it): a class
that names its own `slug` (the kind of problem, in `type`) has the slug's code (`not_found`); a
domain subclass, which keeps its parent's slug, has its own name's (`CommitteeHasChildren` →
`committee_has_children`). A class may set `code` itself to keep it across a rename. The OpenAPI
enum of codes is read from the classes, so a new class needs no registration.
"""

import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://ancrage.social.gouv.fr/problems/"


def _snake(name: str) -> str:
    """`CommitteeHasChildren`, `HTTPThing` or `not-found` → `committee_has_children`,
    `http_thing`, `not_found`."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    return words.replace("-", "_").lower()


class AppError(Exception):
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"
    slug: ClassVar[str] = "internal-error"
    code: ClassVar[str] = "internal_error"
    # Commit what the service wrote before refusing (security side effects, e.g. revocations).
    keep_changes: ClassVar[bool] = False
    # What a domain error says when raised without a detail: `class NoSuchThing(NotFound):
    # default_detail = "No thing with this id."` needs no __init__ of its own.
    default_detail: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in vars(cls):
            cls.code = _snake(cls.slug if "slug" in vars(cls) else cls.__name__)

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


class PayloadTooLarge(AppError):
    status, title, slug = 413, "Payload too large", "payload-too-large"
    default_detail = "The request body is too large."


class MethodNotAllowed(AppError):
    status, title, slug = 405, "Method not allowed", "method-not-allowed"


class UnsupportedMediaType(AppError):
    status, title, slug = 415, "Unsupported media type", "unsupported-media-type"
    default_detail = "The request body must be JSON (Content-Type: application/json)."


class HttpError(AppError):
    """Any other HTTP error the framework answers (its status and reason phrase are kept)."""

    slug = "http-error"


class ServiceUnavailable(AppError):
    """Nothing wrong with the request: the server could not serve it now (a write that waited
    too long for the database's lock, a database that cannot be reached). The same request may
    succeed after `Retry-After`."""

    status, title, slug = 503, "Service unavailable", "service-unavailable"
    retry_after_seconds: ClassVar[int] = 1

    def __init__(self, detail: str | None = None):
        super().__init__(detail, headers={"Retry-After": str(self.retry_after_seconds)})


class TooManyRequests(AppError):
    """The caller must wait before trying again (a login throttled after failures): the
    request is refused before any work is spent on it, and `Retry-After` says for how long."""

    status, title, slug = 429, "Too many requests", "too-many-requests"

    def __init__(self, detail: str | None = None, *, retry_after_seconds: int):
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after_seconds))})
        self.retry_after_seconds = max(1, retry_after_seconds)


class InvalidInput(AppError):
    """Well-formed input that breaks a domain rule about its own values (not about state)."""

    status, title, slug = 422, "Invalid input", "validation-error"

    def __init__(self, detail: str, *, field: str | Sequence[str | int] | None = None):
        super().__init__(detail)
        loc = [field] if isinstance(field, str) else list(field or [])
        self.errors = [{"loc": ["body", *loc], "msg": detail, "type": "value_error"}]


class FieldError(BaseModel):
    loc: list[str | int] = Field(
        description="Where, as FastAPI says it: `body`, `query`, `path` or `header`, then the path."
    )
    msg: str
    type: str
    pointer: str | None = Field(
        default=None,
        description="For a body field: an RFC 6901 JSON Pointer into the request body "
        '(`/members/0/person_id`; "" is the whole body).',
    )
    parameter: str | None = Field(
        default=None,
        description="For a query, path or header parameter: its name (`loc[0]` says where).",
    )


class Problem(BaseModel):
    """RFC 9457 problem details, as every error response carries them."""

    model_config = ConfigDict(json_schema_extra={"additionalProperties": True})

    type: str
    code: str = Field(
        description="What went wrong, stable and machine-readable (a client shows its own text "
        "for it); more specific than `type`. New codes may be added."
    )
    title: str
    status: int
    detail: str = Field(description="In English, for developers and logs.")
    errors: list[FieldError] | None = None


def problem_codes() -> list[str]:
    """Every `code` a problem of the app can carry: one per class of the error tree."""
    codes: set[str] = set()
    pending: list[type[AppError]] = [AppError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".", 1)[0] == "api":  # not the tests' own subclasses
            codes.add(cls.code)
    return sorted(codes)


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    code: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "code": code or _snake(slug),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = [_located(error) for error in errors]
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def render(error: AppError) -> JSONResponse:
    return problem_response(
        error.status,
        error.title,
        error.detail,
        slug=error.slug,
        code=error.code,
        errors=getattr(error, "errors", None),
        headers=error.headers,
    )


def problem_content() -> dict[str, Any]:
    return {"content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def problem_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the problems it can answer, documented in OpenAPI."""
    return {error.status: {"description": error.title, **problem_content()} for error in errors}


def json_pointer(path: Sequence[str | int]) -> str:
    """RFC 6901: `["a/b", 0, "c~d"]` → `/a~1b/0/c~0d`; `[]` → `""`, the whole document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _located(error: dict[str, Any]) -> dict[str, Any]:
    """The error with where it is, as a client finds it: a body field's JSON Pointer, or a
    parameter's name."""
    if "pointer" in error or "parameter" in error:
        return error
    where, *path = error.get("loc") or [None]
    if where == "body":
        return {**error, "pointer": json_pointer(path)}
    if where in ("query", "path", "header", "cookie") and path:
        return {**error, "parameter": str(path[0])}
    return error


def _body_path(loc: Sequence[str | int], body: Any, *, missing: bool) -> list[str | int]:
    """The members of `body` that a validation error's `loc` goes through, and the absent one
    a `missing` error names. Pydantic also names the member of a union it tried (`int`,
    `function-after[…]`) and a JSON syntax error's position: no members, so left out."""
    path: list[str | int] = []
    for i, part in enumerate(loc):
        in_list = isinstance(body, list) and isinstance(part, int) and 0 <= part < len(body)
        if in_list or (isinstance(body, dict) and part in body):
            path.append(part)
            body = body[part]
        elif isinstance(body, dict) and missing and i == len(loc) - 1:
            path.append(part)
    return path


def _clean_errors(raw: Sequence[Any], body: Any) -> list[dict[str, Any]]:
    # Never echo `input` or `ctx` back: they can hold passwords or personal data.
    cleaned = []
    for err in raw:
        loc = [p if isinstance(p, int) else str(p) for p in err.get("loc", ())]
        error: dict[str, Any] = {
            "loc": loc,
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        if loc[:1] == ["body"]:
            path = _body_path(loc[1:], body, missing=error["type"] == "missing")
            error["pointer"] = json_pointer(path)
        cleaned.append(error)
    return cleaned


def _is_unsupported_media(request: Request, exc: RequestValidationError) -> bool:
    # FastAPI passes a JSON route's body through as raw bytes when the content type is not JSON.
    return isinstance(exc.body, bytes | bytearray) and bool(exc.body)


async def _app_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return render(exc)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if _is_unsupported_media(request, exc):
        return render(UnsupportedMediaType())
    errors = _clean_errors(exc.errors(), exc.body)
    fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    return problem_response(
        422,
        InvalidInput.title,
        f"The request has invalid fields: {fields}" if fields else "The request is invalid.",
        slug=InvalidInput.slug,
        code=InvalidInput.code,
        errors=errors,
    )


# The framework's own errors (no route, wrong method, unreadable body) as the tree's classes.
_BY_STATUS: dict[int, type[AppError]] = {
    cls.status: cls
    for cls in (
        BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, Conflict,
        PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, InvalidInput,
        PreconditionRequired, AppError,
    )
}  # fmt: skip


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    cls = _BY_STATUS.get(exc.status_code)
    title, slug = (cls.title, cls.slug) if cls else (phrase, phrase.lower().replace(" ", "-"))
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        # Starlette names only the first matching route's methods; a path has several routes.
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(
        exc.status_code,
        title,
        detail,
        slug=slug,
        code=(cls or HttpError).code,
        headers=headers,
    )


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        if re.fullmatch(re.sub(r"\{[^/]+\}", "[^/]+", template), request.url.path):
            methods.update(m.upper() for m in operations)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    """The problems of the error tree and the framework's errors. What none of them answers
    is the last resort's (`core.requests.RequestContext`, added by the app with its settings):
    an `Exception` handler here would be Starlette's, which re-raises (a second traceback, and
    the connection reset)."""
    app.add_exception_handler(AppError, _app_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
