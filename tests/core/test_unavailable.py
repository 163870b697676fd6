"""A database that cannot be reached is a 503 with `Retry-After`, never a 500, on every path (a
write's session, a read's, the Reader of the members list), and the app recovers by itself once
the database is back, without a restart. The app runs on real engines here, not on the test's
transaction."""

from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from api import db
from api.db import build_engine
from api.main import app
from tests.assertions import assert_problem
from tests.database import app_engines

# Nothing listens on port 1: every connect is refused.
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
TOKEN = "/api/v1/auth/token"
CREDENTIALS = {"username": "nobody@example.org", "password": "not-the-password"}


def _answers(client: TestClient) -> dict[str, httpx2.Response]:
    return {
        # The Reader (and the schema's revision).
        "ready": client.get("/api/v1/health/ready"),
        # A GET's read, through the Reader too.
        "committees": client.get("/api/v1/committees"),
        # A write session (a login writes its refresh token; this one finds no user).
        "token": client.post(TOKEN, data=CREDENTIALS),
    }


@pytest.mark.parametrize("async_reads", [True, False], ids=["async-reads", "threaded-reads"])
def test_an_unreachable_database_is_a_503_and_a_reachable_one_serves(
    monkeypatch: pytest.MonkeyPatch, engine: Engine, async_reads: bool
) -> None:
    with app_engines(monkeypatch, UNREACHABLE, async_reads=async_reads), TestClient(app) as client:
        down = _answers(client)
        live = client.get("/api/v1/health/live")
    url = engine.url.render_as_string(hide_password=False)
    postgresql = engine.dialect.name == "postgresql"
    with app_engines(monkeypatch, url, async_reads=postgresql), TestClient(app) as client:
        up = _answers(client)

    for name, response in down.items():
        assert_problem(response, 503, "service-unavailable", code="service_unavailable")
        assert response.headers["Retry-After"] == "1", name
    assert live.status_code == 200, live.text  # the process itself is fine
    assert up["ready"].status_code == 200, up["ready"].text
    assert up["committees"].status_code == 200, up["committees"].text
    assert_problem(up["token"], 401, code="invalid_credentials")


def test_connections_lost_under_the_pool_are_a_503_then_served_again(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    """The server restarted (its backends gone) while the pools held connections: the request
    that finds a dead one is told to retry, and the next ones connect afresh."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server whose connections can be lost")
    url = engine.url.render_as_string(hide_password=False)
    with app_engines(monkeypatch, url, async_reads=True) as writes, TestClient(app) as client:
        pids: list[int] = []
        engines = (writes, db._read_only_engine(), db._async_read_engine().sync_engine)  # type: ignore[union-attr]
        for each in engines:
            event.listen(each, "connect", lambda conn, _record: pids.append(conn.info.backend_pid))
        before = _answers(client)
        with Session(engine) as other:
            for pid in pids:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        lost = _answers(client)
        after = _answers(client)

    for answers in (before, after):
        assert answers["ready"].status_code == 200, answers["ready"].text
        assert answers["committees"].status_code == 200, answers["committees"].text
        assert answers["token"].status_code == 401, answers["token"].text
    # The first request on each pool finds a dead connection: the reader's, the writer's.
    for name in ("ready", "token"):
        assert_problem(lost[name], 503, "service-unavailable", code="service_unavailable")
        assert lost[name].headers["Retry-After"] == "1", name
    # The reader's pool was refreshed by that failure: the next read connects afresh.
    assert lost["committees"].status_code == 200, lost["committees"].text


def test_a_pool_with_no_free_connection_in_time_is_a_503(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    one = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.05)
    monkeypatch.setattr(db, "get_engine", lambda: one)
    try:
        with one.connect(), TestClient(app) as client:  # the pool's one connection, in use
            refused = client.post(TOKEN, data=CREDENTIALS)
    finally:
        one.dispose()

    assert_problem(refused, 503, "service-unavailable", code="service_unavailable")
    assert refused.headers["Retry-After"] == "1"


def test_a_statement_the_database_refuses_is_not_unavailability(engine: Engine) -> None:
    """A mistake of ours stays a 500: retrying would not help."""
    with engine.connect() as connection, pytest.raises(DBAPIError) as refused:
        connection.execute(text("SELECT * FROM no_such_table"))

    assert not db.is_unavailable(refused.value)
    assert not db.is_unreachable(refused.value)


def test_a_sqlite_file_that_cannot_be_opened_is_unreachable(tmp_path: Path) -> None:
    """SQLite's server is its file: a volume gone is the database unreachable, a 503."""
    where = tmp_path / "a-directory.db"
    where.mkdir()
    cannot_open = build_engine(f"sqlite:///{where}")
    try:
        with pytest.raises(DBAPIError) as refused:
            cannot_open.connect()
    finally:
        cannot_open.dispose()

    assert db.is_unavailable(refused.value)
