"""Every request's id, and the last resort for what no handler answered.

One pure ASGI middleware (the members list is benchmarked: no `BaseHTTPMiddleware`, no second
layer). It gives each request an id, sent back in `X-Request-ID` and added to every log record
made while the request runs (`%(request_id)s`), and answers an exception no handler took:

- the database cannot be served now (unreachable, or busy): a 503 problem with `Retry-After`;
- anything else: a 500 problem, logged once with its traceback.

It also bounds what a request may send and hardens what every response says:

- a body over `max_body_bytes` is a 413 problem: at once when `Content-Length` says so, and, for
  a chunked body, as soon as the bytes received pass the limit (never read whole first); paths
  under a prefix of `body_limits` (bulk imports; `*` is any one segment) have that prefix's
  limit instead;
- every response carries `nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY` and
  a CSP `frame-ancestors 'none'` (unless the route set its own CSP, as /docs does), HSTS when
  served over https, and `Cache-Control: no-store` when the request was authenticated (its
  answer is someone's data, no cache should keep it) unless the route chose its own.

Starlette's own last resort (`ServerErrorMiddleware`) re-raises after calling an `Exception`
handler, so uvicorn logged the traceback a second time and reset the client's connection;
here the exception stops, and the connection is kept alive.
"""

import logging
import re
import uuid
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.problems import AppError, PayloadTooLarge, ServiceUnavailable, render

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_HEADER = REQUEST_ID_HEADER.lower().encode()
# What a proxy's id may be: short, and nothing a log line or a header could be forged with.
_SANE_ID = re.compile(rb"[A-Za-z0-9._-]{1,128}")

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
_CSP = b"content-security-policy"
_FRAME_ANCESTORS = (_CSP, b"frame-ancestors 'none'")
_HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")
_CACHE_CONTROL = b"cache-control"
_NO_STORE = (_CACHE_CONTROL, b"no-store")
_AUTHORIZATION = b"authorization"
_CONTENT_LENGTH = b"content-length"


class _BodyTooLarge(Exception):
    """Raised from `receive` when a streamed body passes the limit (the app's reading stops)."""


request_id: ContextVar[str] = ContextVar("request_id", default="-")


def install_request_id_in_logs() -> None:
    """Every log record carries `request_id` (`-` outside a request), whatever its handler."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "adds_request_id", False):
        return

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        entry = factory(*args, **kwargs)
        entry.request_id = request_id.get()
        return entry

    record.adds_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(record)


class _NoQueryString(logging.Filter):
    """Uvicorn's access line without the query string: `?q=`, `?email=` or a token in a link
    are personal data, kept out of the logs (the path is enough to follow a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn.protocols: (client, method, path with query string, http version, status)
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            path, _, query = args[2].partition("?")
            if query:
                record.args = (args[0], args[1], path, *args[3:])
        return True


def install_access_log_hygiene() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, _NoQueryString) for existing in access.filters):
        access.addFilter(_NoQueryString())


class RequestContext:
    """`trust_request_id`: keep the `X-Request-ID` a request brings (a trusted proxy set it, so
    its logs and ours match); otherwise a client could pick ids, and every id is ours.
    `unavailable(exc)`: the exception means the database cannot serve the request now."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        trust_request_id: bool = False,
        unavailable: Callable[[BaseException], bool] = lambda _exc: False,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        body_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Longest prefix first: the most specific limit wins. A `*` in a prefix stands for one
        # path segment (an id).
        self.body_limits = [
            (re.compile(re.escape(prefix).replace(r"\*", "[^/]+")), limit)
            for prefix, limit in sorted((body_limits or {}).items(), key=lambda p: -len(p[0]))
        ]
        self.trust_request_id = trust_request_id
        self.unavailable = unavailable

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = self._request_id(scope)
        token = request_id.set(rid)
        authenticated, declared = False, None
        for name, value in scope["headers"]:
            if name == _AUTHORIZATION:
                authenticated = True
            elif name == _CONTENT_LENGTH:
                declared = value
        extra = [(_HEADER, rid.encode()), *_SECURITY_HEADERS]
        if scope.get("scheme") == "https":
            extra.append(_HSTS)
        started = False
        too_large = False
        limit = self._limit(scope["path"])
        received = 0

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return  # whatever the app makes of a cut body, the answer is the 413
            if message["type"] == "http.response.start":
                started = True
                headers = [*message.get("headers", ()), *extra]
                names = {name.lower() for name, _value in headers}
                if _CSP not in names:
                    headers.append(_FRAME_ANCESTORS)
                if authenticated and _CACHE_CONTROL not in names:
                    headers.append(_NO_STORE)
                message["headers"] = headers
            await send(message)

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise _BodyTooLarge()
            return message

        try:
            if declared is not None and _over(declared, limit):
                await render(_too_large(limit))(scope, receive, send_with_id)
                return
            await self.app(scope, counting_receive, send_with_id)
            if too_large and not started:
                too_large = False
                await render(_too_large(limit))(scope, receive, send_with_id)
        except Exception as exc:
            where = f"{scope.get('method')} {scope.get('path')}"
            if too_large and not started:
                too_large = False
                await render(_too_large(limit))(scope, receive, send_with_id)
                return
            if started:
                # Too late for a problem: the response is cut short (uvicorn closes the
                # connection), and the error logged here only.
                log.error(
                    "error after the response started on %s (request %s)", where, rid, exc_info=exc
                )
                return
            error: AppError
            if self.unavailable(exc):
                log.warning("database unavailable on %s (request %s): %r", where, rid, exc)
                error = ServiceUnavailable("The database cannot serve this request now; try again.")
            else:
                log.error("unhandled error on %s (request %s)", where, rid, exc_info=exc)
                error = AppError("An unexpected error occurred.")
            await render(error)(scope, receive, send_with_id)
        finally:
            request_id.reset(token)

    def _limit(self, path: str) -> int:
        for prefix, limit in self.body_limits:
            if prefix.match(path):
                return limit
        return self.max_body_bytes

    def _request_id(self, scope: Scope) -> str:
        if self.trust_request_id:
            for name, value in scope["headers"]:
                if name == _HEADER:
                    if _SANE_ID.fullmatch(value):
                        return bytes(value).decode()
                    break
        return uuid.uuid4().hex


def _over(declared: bytes, limit: int) -> bool:
    # An unreadable Content-Length is the server's (h11's) to refuse; not a size to judge here.
    return declared.isdigit() and int(declared) > limit


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"The request body is larger than {limit} bytes.")


class SecuredCORS(CORSMiddleware):
    """Starlette's CORS, whose preflight answers (made before the request reaches
    `RequestContext`) carry the same security headers as every other response."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        for name, value in (*_SECURITY_HEADERS, _FRAME_ANCESTORS):
            response.headers[name.decode()] = value.decode()
        return response
