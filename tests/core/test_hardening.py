"""Bounded input and safe output: a body over the limit is a 413 before it is read whole, and
every response carries the security headers (no-store when the request was authenticated)."""

import asyncio
import base64
import hashlib
import importlib
import json
import logging
import re
import socket
import threading
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from api.config import ROOT, Settings
from api.core.requests import (
    DEFAULT_MAX_BODY_BYTES,
    RequestContext,
    install_request_id_in_logs,
    request_id,
)
from api.main import app, create_app

LIVE = "/api/v1/health/live"
PEOPLE = "/api/v1/people"
COMMITTEES = "/api/v1/committees"
CHUNK = 64 * 1024
TWO_MIB = 2 * 1024 * 1024


def _post(
    headers: list[tuple[bytes, bytes]], *, to: Any = None, path: str = PEOPLE
) -> tuple[list[dict[str, Any]], int]:
    """POST a 2 MiB body, in 64 KiB chunks, straight to the ASGI app (`to`, by default the
    app): what it answered, and how many chunks it asked for."""
    asked = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        more = asked * CHUNK < TWO_MIB
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run((to or app)(scope, receive, send))
    return sent, asked


def _status_and_body(sent: list[dict[str, Any]]) -> tuple[int, bytes]:
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body


def test_a_declared_body_over_the_limit_is_refused_unread() -> None:
    sent, asked = _post([(b"content-length", str(TWO_MIB).encode())])

    status, body = _status_and_body(sent)
    assert status == 413
    assert b'"code":"payload_too_large"' in body
    assert asked == 0


def test_a_chunked_body_is_cut_off_once_past_the_limit() -> None:
    sent, asked = _post([(b"transfer-encoding", b"chunked")])

    status, body = _status_and_body(sent)
    assert status == 413, body
    assert b'"code":"payload_too_large"' in body
    # Read up to the limit and one chunk more, never the whole 2 MiB.
    assert asked == DEFAULT_MAX_BODY_BYTES // CHUNK + 1


def test_a_body_under_the_limit_is_read(client: TestClient, admin_headers: dict[str, str]) -> None:
    # Big but under the limit: the route answers it (here, refuses its content), not the 413.
    response = client.post(PEOPLE, json={"first_name": "x" * 500_000}, headers=admin_headers)

    assert response.status_code == 422


def _assert_secured(headers: Any) -> None:
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_every_response_carries_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("api.committees.service_list.list_committees", boom)
    answers = [client.get(LIVE), client.get("/api/v1/nothing-here"), client.get(COMMITTEES)]

    assert [r.status_code for r in answers] == [200, 404, 500]
    for response in answers:
        _assert_secured(response.headers)
        assert "Strict-Transport-Security" not in response.headers  # plain http
        assert "Cache-Control" not in response.headers  # anonymous


def test_hsts_when_served_over_https(client: TestClient) -> None:
    response = client.get(LIVE, headers={"X-Forwarded-Proto": "https"})
    secure = TestClient(app, base_url="https://testserver").get(LIVE)

    assert "Strict-Transport-Security" not in response.headers  # no proxy is trusted
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    _assert_secured(secure.headers)


def test_authenticated_answers_are_not_stored(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    listed = client.get(PEOPLE, headers=admin_headers)
    refused = client.get(PEOPLE, headers={"Authorization": "Bearer nonsense"})

    assert listed.status_code == 200
    assert listed.headers["Cache-Control"] == "no-store"
    assert refused.status_code == 401
    assert refused.headers["Cache-Control"] == "no-store"
    _assert_secured(listed.headers)


def test_the_docs_page_runs_only_its_own_scripts(client: TestClient) -> None:
    page = client.get("/docs")

    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    # Its inline script is allowed by its hash, nothing else inline.
    for script in re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_the_access_log_has_no_query_strings(caplog: pytest.LogCaptureFixture) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, lifespan="off", http="h11", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    thread.start()
    try:
        while not server.started:
            thread.join(0.01)
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        params = {"q": "Zéphyrine Quillard", "email": "zq@example.org", "token": "s3cr3t"}
        answered = httpx.get(f"{base}{LIVE}", params=params)
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()

    assert answered.status_code in (200, 422)
    lines = [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"]
    assert len(lines) == 1, lines
    assert LIVE in lines[0]
    for secret in ("?", "Quillard", "zq", "example.org", "s3cr3t"):
        assert secret not in lines[0], lines[0]


def test_a_database_error_does_not_carry_its_parameters(connection: Connection) -> None:
    # Its message is what the logs keep of a failed statement.
    failing = text("SELECT * FROM no_such_table WHERE email = :email")
    with pytest.raises(DBAPIError) as error, connection.begin_nested():
        connection.execute(failing, {"email": "zq@example.org"})

    assert "no_such_table" in str(error.value)
    assert "zq@example.org" not in str(error.value)


def test_the_json_log_config_writes_one_object_a_line_with_the_request_id() -> None:
    config = json.loads((ROOT / "logging.json").read_text())
    module, _, name = config["formatters"]["json"]["()"].rpartition(".")
    formatter = getattr(importlib.import_module(module), name)()
    install_request_id_in_logs()
    access = logging.getLogger("uvicorn.access")
    token = request_id.set("abc123")
    try:
        record = access.makeRecord(
            "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
            ("127.0.0.1:1", "GET", "/api/v1/people?q=Quillard", "1.1", 200), None,
        )  # fmt: skip
    finally:
        request_id.reset(token)
    assert access.filter(record)

    line = formatter.format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["request_id"] == "abc123"
    assert entry["level"] == "INFO"
    assert entry["message"] == '127.0.0.1:1 - "GET /api/v1/people HTTP/1.1" 200'


def test_a_path_prefix_may_have_a_limit_of_its_own() -> None:
    """Bulk imports take more than the default megabyte, nothing else does."""

    async def reads_all(scope: Any, receive: Any, send: Any) -> None:
        size, more = 0, True
        while more:
            message = await receive()
            size, more = size + len(message.get("body", b"")), message.get("more_body", False)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(size).encode()})

    limits = {"/api/v1/imports/": 4 * TWO_MIB, "/api/v1/imports/small/": CHUNK}
    guarded = RequestContext(reads_all, max_body_bytes=DEFAULT_MAX_BODY_BYTES, body_limits=limits)

    def post(path: str) -> tuple[int, bytes]:
        declared = [(b"content-length", str(TWO_MIB).encode())]
        return _status_and_body(_post(declared, to=guarded, path=path)[0])

    assert post("/api/v1/imports/people") == (200, str(TWO_MIB).encode())
    assert post("/api/v1/imports/small/people")[0] == 413  # the longest prefix wins
    assert post(PEOPLE)[0] == 413


def test_cors_preflight_answers_carry_the_security_headers() -> None:
    origin = "https://app.example.org"
    cors_app = create_app(Settings(cors_origins=[origin]))
    preflight = TestClient(cors_app).options(
        PEOPLE,
        headers={"Origin": origin, "Access-Control-Request-Method": "PATCH",
                 "Access-Control-Request-Headers": "If-Match"},
    )  # fmt: skip

    assert preflight.status_code == 200, preflight.text
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    _assert_secured(preflight.headers)
