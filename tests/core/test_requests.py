"""Every response carries its request's id (`X-Request-ID`), the proxy's when it is trusted;
an unexpected error is a 500 problem logged once, with that id, on a connection that stays
open; orchestrators' health checks."""

import logging
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, text

from api.config import get_settings
from api.main import app, create_app
from tests.assertions import assert_problem

LIVE = "/api/v1/health/live"
COMMITTEES = "/api/v1/committees"


@pytest.fixture(scope="module")
def trusting() -> FastAPI:
    """The app behind a proxy it trusts with request ids."""
    return create_app(get_settings().model_copy(update={"trusted_proxy": True}))


def _is_generated(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def test_every_response_has_a_fresh_request_id_of_its_own(client: TestClient) -> None:
    ok = client.get(LIVE)
    missing = client.get("/api/v1/nothing-here")
    chosen = client.get(LIVE, headers={"X-Request-ID": "chosen-by-the-client"})

    ids = [r.headers["X-Request-ID"] for r in (ok, missing, chosen)]
    assert all(_is_generated(i) for i in ids), ids  # not the client's: no proxy is trusted
    assert len(set(ids)) == 3


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("3f1c.proxy-id_42", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("evil\r\nSet-Cookie", False),
        ("a b", False),
        ("", False),
    ],
)
def test_a_trusted_proxys_sane_request_id_is_kept(trusting: FastAPI, sent: str, kept: bool) -> None:
    response = TestClient(trusting).get(LIVE, headers={"X-Request-ID": sent})

    assert response.status_code == 200
    received = response.headers["X-Request-ID"]
    assert received == sent if kept else _is_generated(received), received


def test_liveness_needs_no_database_and_readiness_checks_the_schema(
    client: TestClient, session: Session
) -> None:
    assert client.get(LIVE).json() == {"status": "ok"}
    assert client.get("/api/v1/health/ready").json() == {"status": "ok"}

    # A deploy whose migration has not run: the schema is behind the code.
    session.execute(text("UPDATE alembic_version SET version_num = 'older000000'"))
    behind = client.get("/api/v1/health/ready")

    body = assert_problem(behind, 503, "service-unavailable", code="service_unavailable")
    assert "migration" in body["detail"]
    assert behind.headers["Retry-After"] == "1"


@pytest.fixture
def served() -> Iterator[str]:
    """The app behind a real uvicorn (h11, keep-alive), in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, lifespan="off", http="h11", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            thread.join(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()


def test_an_unexpected_error_is_a_500_logged_once_and_the_connection_stays_open(
    served: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr("api.committees.service_list.list_committees", boom)
    caplog.set_level(logging.INFO)

    answers, local = [], set()
    with httpx.Client(base_url=served) as client:
        for path in (LIVE, COMMITTEES, LIVE, COMMITTEES, LIVE):
            answers.append(client.get(path))
            # The client's end of the connection the answer came on: one for all.
            local.add(answers[-1].extensions["network_stream"].get_extra_info("client_addr"))

    assert [r.status_code for r in answers] == [200, 500, 200, 500, 200]
    assert len(local) == 1, local
    failed = answers[1]
    body = assert_problem(failed, 500, "internal-error", code="internal_error")  # type: ignore[arg-type]
    assert "internal detail" not in failed.text
    tracebacks = [r for r in caplog.records if r.exc_info is not None]
    assert len(tracebacks) == 2, [r.getMessage() for r in tracebacks]  # one per failed request
    ids = [answers[1].headers["X-Request-ID"], answers[3].headers["X-Request-ID"]]
    assert [getattr(r, "request_id", None) for r in tracebacks] == ids
    assert all(i in r.getMessage() for i, r in zip(ids, tracebacks, strict=True))
    assert body["status"] == 500
