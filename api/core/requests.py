"""Every request's id, and the last resort for what no handler answered.

One pure ASGI middleware (the members list is benchmarked: no `BaseHTTPMiddleware`, no second
layer). It gives each request an id, sent back in `X-Request-ID` and added to every log record
made while the request runs (`%(request_id)s`), and answers an exception no handler took:

- the database cannot be served now (unreachable, or busy): a 503 problem with `Retry-After`;
- anything else: a 500 problem, logged once with its traceback.

Starlette's own last resort (`ServerErrorMiddleware`) re-raises after calling an `Exception`
handler, so uvicorn logged the traceback a second time and reset the client's connection;
here the exception stops, and the connection is kept alive.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.problems import AppError, ServiceUnavailable, render

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_HEADER = REQUEST_ID_HEADER.lower().encode()
# What a proxy's id may be: short, and nothing a log line or a header could be forged with.
_SANE_ID = re.compile(rb"[A-Za-z0-9._-]{1,128}")

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
    ) -> None:
        self.app = app
        self.trust_request_id = trust_request_id
        self.unavailable = unavailable

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = self._request_id(scope)
        token = request_id.set(rid)
        header = (_HEADER, rid.encode())
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            where = f"{scope.get('method')} {scope.get('path')}"
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

    def _request_id(self, scope: Scope) -> str:
        if self.trust_request_id:
            for name, value in scope["headers"]:
                if name == _HEADER:
                    if _SANE_ID.fullmatch(value):
                        return bytes(value).decode()
                    break
        return uuid.uuid4().hex
