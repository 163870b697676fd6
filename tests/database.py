"""The test database: created and built through the migrations, and the app's sessions
pointed at each test's rolled-back transaction."""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import Session

from api import db
from api.db import Reader, Sessions, build_async_read_engine, build_engine, get_reader
from api.main import app

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def alembic_config(connection: object | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def fresh_database_url(url: str, suffix: str) -> str:
    """A database of its own for this run (and this xdist worker), created empty."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "test.db")
        path = path.with_name(f"{path.stem}-{suffix}{path.suffix}")
        path.unlink(missing_ok=True)
        return str(parsed.set(database=str(path)))
    name = f"{parsed.database}_{suffix}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def build_test_engine(url: str, worker_id: str) -> Engine:
    engine = build_engine(fresh_database_url(url, worker_id))
    migrate(engine, "head")
    return engine


def migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    """Run Alembic on a fresh connection of `engine` (SQLite needs one, see migrations/env.py)."""
    with engine.connect() as connection:
        config = alembic_config(connection)
        if down:
            command.downgrade(config, target)
        else:
            command.upgrade(config, target)


WRITE = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE)\b|\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b",
    re.IGNORECASE,
)


class WriteDuringRead(AssertionError):
    """A GET (HEAD, OPTIONS) wrote: in production its connection refuses it."""


class TestSessions(Sessions):
    """The app's sessions on the test's connection, inside its rolled-back transaction, so the
    real `get_session` commits and rolls back (savepoints: the outer transaction discards all).

    A read session's connection refuses writes, as the production read engine does: the test's
    transaction has written already, so PostgreSQL cannot make it read-only; statements are
    checked instead."""

    __test__ = False  # not a test class, for pytest

    def __init__(self, session: Session) -> None:
        connection = session.bind
        assert isinstance(connection, Connection)
        self.session = session
        self.connection = connection
        self.reading = False
        event.listen(connection, "before_cursor_execute", self._refuse_writes)

    def close(self) -> None:
        event.remove(self.connection, "before_cursor_execute", self._refuse_writes)

    def read(self) -> Session:
        return _RequestSession(self, reading=True)

    def write(self) -> Session:
        return _RequestSession(self, reading=False)

    def _refuse_writes(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.reading and WRITE.search(statement):
            raise WriteDuringRead(f"a read-only request wrote: {statement}")


class _RequestSession(Session):
    """One request's session. What the test set up is committed first, as it would be in real
    life; once a write is over, what the test holds is reloaded on next use, and what the
    request deleted leaves the test's session (as if the test's own session had deleted it)."""

    def __init__(self, sessions: TestSessions, *, reading: bool) -> None:
        sessions.session.commit()
        super().__init__(
            bind=sessions.connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )
        self.sessions = sessions
        self.gone: list[Any] = []
        sessions.reading = reading
        if not reading:
            event.listen(self, "persistent_to_deleted", self._record_gone)

    def _record_gone(self, _session: Session, obj: Any) -> None:
        self.gone.append(inspect(obj).identity_key)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.sessions.reading:
                self.sessions.reading = False
            else:
                _forget(self.sessions.session, self.gone)


def _forget(session: Session, deleted: list[Any]) -> None:
    """Reload on next use what the request may have changed; an object's key stays readable
    (a test builds URLs from the ids of what it deleted)."""
    for key in deleted:
        if (obj := session.identity_map.get(key)) is not None:
            session.expunge(obj)
    for obj in list(session.identity_map.values()):
        state = inspect(obj)
        keys = {column.key for column in state.mapper.primary_key}
        session.expire(obj, [a.key for a in state.mapper.attrs if a.key not in keys])
        state.expired = True  # `session.get` checks the row still exists, as after expire_all


class SessionReader(Reader):
    """Reads on the test's connection, inside its rolled-back transaction, and like the
    app's reads in autocommit: no transaction (savepoint) of their own."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def __call__(self, fn: Callable[[Connection], T]) -> T:
        self.session.flush()  # what the test set up is visible, as if committed
        connection = self.session.bind
        assert isinstance(connection, Connection)
        # The app's reader connections refuse writes; this one cannot, so it checks them.
        event.listen(connection, "before_cursor_execute", _refuse_writes)
        try:
            return fn(connection)
        finally:
            event.remove(connection, "before_cursor_execute", _refuse_writes)


def _refuse_writes(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    if WRITE.search(statement):
        raise WriteDuringRead(f"a read through the Reader wrote: {statement}")


@contextmanager
def count_statements(bind: Connection | Engine) -> Iterator[list[str]]:
    """The SQL statements run on `bind` while the block runs (the list fills as they run)."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(bind, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(bind, "before_cursor_execute", record)


@contextmanager
def serving(session: Session) -> Iterator[None]:
    """The app's sessions and reads on the test's transaction while the block runs."""
    test_sessions = TestSessions(session)
    db.sessions = test_sessions
    app.dependency_overrides[get_reader] = lambda: SessionReader(session)
    try:
        yield
    finally:
        app.dependency_overrides.pop(get_reader, None)
        db.sessions = Sessions()
        test_sessions.close()


@contextmanager
def app_engines(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    *,
    async_reads: bool = False,
    lock_timeout_ms: int | None = None,
) -> Iterator[Engine]:
    """The app's own engines on `url`, as in production, while the block runs: writes, reads
    and, with `async_reads`, the Reader on psycopg's async driver (else in a worker thread).
    Yields the write engine."""
    writes = build_engine(url, lock_timeout_ms=lock_timeout_ms)
    reads = build_engine(url, read_only=True)
    async_engine: AsyncEngine | None = build_async_read_engine(url) if async_reads else None
    monkeypatch.setattr(db, "get_engine", lambda: writes)
    monkeypatch.setattr(db, "_read_only_engine", lambda: reads)
    monkeypatch.setattr(db, "_async_read_engine", lambda: async_engine)
    try:
        yield writes
    finally:
        writes.dispose()
        reads.dispose()
        if async_engine is not None:
            async_engine.sync_engine.dispose()
