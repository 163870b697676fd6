"""GET requests never write: in production their connections refuse it (PostgreSQL's
`default_transaction_read_only`, SQLite's `query_only`), and in tests the read session and the
Reader on the test's transaction refuse it too. Writing requests run the real commit."""

import asyncio
import os

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from api import db
from api.config import get_settings
from api.db import SessionDep, build_engine
from tests.database import SessionReader, WriteDuringRead, fresh_database_url, serving

REFUSED = r"read-only|readonly"  # what each backend says

probe = FastAPI()


@probe.get("/probe")
@probe.post("/probe")
def write(session: SessionDep) -> int:
    session.execute(text("INSERT INTO probe (note) VALUES ('written')"))
    return int(session.execute(text("SELECT count(*) FROM probe")).scalar_one())


@pytest.fixture
def scratch(worker_id: str) -> str:
    """An empty database of its own with one table, `probe`."""
    url = fresh_database_url(os.environ["TEST_DATABASE_URL"], f"{worker_id}_read_only")
    engine = build_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE probe (note TEXT)"))
    engine.dispose()
    return url


def rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM probe")).scalar_one())


def test_the_read_engine_refuses_writes_and_reads(scratch: str) -> None:
    reads = build_engine(scratch, read_only=True)
    try:
        with reads.connect() as connection, pytest.raises(DBAPIError, match=REFUSED):
            connection.execute(text("INSERT INTO probe (note) VALUES ('nope')"))
        assert rows(reads) == 0
    finally:
        reads.dispose()


def test_in_production_a_get_that_writes_fails_and_a_post_commits(
    scratch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes, reads = build_engine(scratch), build_engine(scratch, read_only=True)
    monkeypatch.setattr(db, "get_engine", lambda: writes)
    monkeypatch.setattr(db, "_read_only_engine", lambda: reads)
    try:
        with TestClient(probe) as client:
            with pytest.raises(DBAPIError, match=REFUSED):
                client.get("/probe")
            written = client.post("/probe")

        assert written.status_code == 200, written.text
        assert written.json() == 1
        assert rows(reads) == 1  # committed by the real `get_session`
    finally:
        writes.dispose()
        reads.dispose()


def test_in_tests_a_get_that_writes_fails_too(session: Session) -> None:
    session.execute(text("CREATE TEMPORARY TABLE probe (note TEXT)"))
    with serving(session), TestClient(probe) as client:
        with pytest.raises(WriteDuringRead):
            client.get("/probe")
        assert client.post("/probe").json() == 1


def test_in_tests_a_write_through_the_reader_fails_too(session: Session) -> None:
    """Every GET reads through the Reader: in tests it reads on the test's connection, which
    checks what the app's read-only connections refuse."""
    session.execute(text("CREATE TEMPORARY TABLE probe (note TEXT)"))

    def insert(connection: Connection) -> None:
        connection.execute(text("INSERT INTO probe (note) VALUES ('nope')"))

    def count(connection: Connection) -> int:
        return int(connection.execute(text("SELECT count(*) FROM probe")).scalar_one())

    with pytest.raises(WriteDuringRead):
        asyncio.run(SessionReader(session)(insert))
    assert asyncio.run(SessionReader(session)(count)) == 0


def test_the_reader_refuses_writes_on_either_driver(
    scratch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = build_engine(scratch, read_only=True)
    monkeypatch.setattr(get_settings(), "database_url", scratch)
    monkeypatch.setattr(db, "_read_only_engine", lambda: reads)
    db._async_read_engine.cache_clear()

    def insert(connection: Connection) -> None:
        connection.execute(text("INSERT INTO probe (note) VALUES ('nope')"))

    async def read() -> None:
        engine = db._async_read_engine()
        try:
            await db.Reader()(insert)
        finally:
            reads.dispose()
            if engine is not None:
                await engine.dispose()
            db._async_read_engine.cache_clear()

    with pytest.raises(DBAPIError, match=REFUSED):
        asyncio.run(read())
