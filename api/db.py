"""Engine and the one-transaction-per-request session dependency."""

import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import orjson
from alembic.script import ScriptDirectory
from fastapi import Depends, Request, Response
from pydantic import BaseModel
from sqlalchemy import Connection, Engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util import greenlet_spawn
from sqlmodel import Session, create_engine
from starlette.concurrency import run_in_threadpool

from api.config import ROOT, get_settings
from api.core.problems import AppError, ServiceUnavailable
from api.core.reads import respond_page

log = logging.getLogger(__name__)


def build_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 40,
    read_only: bool = False,
    lock_timeout_ms: int | None = None,
) -> Engine:
    """The engine of `url`. `read_only`: its connections refuse any write (set once, when each
    connects, not per request) and read in autocommit (a read has nothing to commit).
    `lock_timeout_ms` (default: the settings'): how long a write waits for a lock before it fails
    with an error `is_busy` recognises."""
    if lock_timeout_ms is None:
        lock_timeout_ms = get_settings().database_lock_timeout_ms
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # an error's message is logged: no names, e-mails or tokens in it
            json_deserializer=orjson.loads,
            # pysqlite's own busy handler, from the first statement (the pragmas included).
            connect_args={"check_same_thread": False, "timeout": lock_timeout_ms / 1000},
            pool_reset_on_return=None if read_only else "rollback",
        )
        event.listen(engine, "connect", partial(_sqlite_pragmas, lock_timeout_ms))
        if read_only:
            # No BEGIN either: pysqlite, left to itself (isolation_level None), autocommits.
            event.listen(engine, "connect", _sqlite_query_only)
        else:
            event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping: it costs a round trip per request; recycling covers server-side timeouts.
    return create_engine(
        url,
        echo=echo,
        hide_parameters=True,  # an error's message is logged: no names, e-mails or tokens in it
        # JSON columns (lists, links, steps) parsed by orjson: the stdlib's costs several times.
        json_deserializer=orjson.loads,
        pool_size=pool_size,
        max_overflow=10,
        pool_recycle=1800,
        connect_args=postgres_connect_args(
            read_only=read_only, lock_timeout_ms=None if read_only else lock_timeout_ms
        ),
        **(_READ_ONLY_POOL if read_only else {}),
    )


# A read-only connection in autocommit has no transaction to end: no rollback when it goes
# back to its pool (a driver call on every read otherwise).
_READ_ONLY_POOL: dict[str, Any] = {"isolation_level": "AUTOCOMMIT", "pool_reset_on_return": None}


def postgres_connect_args(
    *, read_only: bool = False, lock_timeout_ms: int | None = None
) -> dict[str, Any]:
    # Sessions in UTC: timestamps arrive already in UTC (the driver's own UTC zone), so reading
    # them converts nothing, whatever the server's default zone.
    options = "-c timezone=UTC"
    if read_only:
        # Every transaction of the connection, implicit ones included, refuses writes.
        options += " -c default_transaction_read_only=on"
    if lock_timeout_ms is not None:
        # A writer queued behind another's row or table lock gives up (a 503) instead of hanging.
        options += f" -c lock_timeout={lock_timeout_ms}"
    return {"options": options}


def _sqlite_pragmas(lock_timeout_ms: int, dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs; SQLAlchemy emits BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Readers never wait for the writer, nor it for them.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_query_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE: the write lock is taken now, waiting up to the busy timeout for it. A deferred
    # BEGIN reads first, and its later write fails at once (no wait: "database is locked") when
    # another writer committed since its first read.
    if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


# PostgreSQL's SQLSTATEs for a transaction that may succeed if tried again: serialization
# failure, deadlock detected (it broke the cycle by failing this one), lock not available.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_busy(error: DBAPIError) -> bool:
    """A write that could not get its lock in time (or lost a deadlock): the same request may
    succeed later, so the client is told to retry (a 503), not that the server failed."""
    orig = error.orig
    if isinstance(orig, sqlite3.Error):
        return orig.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return getattr(orig, "sqlstate", None) in _RETRYABLE_SQLSTATES


# SQLSTATEs of a server that cannot take the request now: connection exceptions (class 08),
# too many connections, and shutting down or starting up (57P01-57P03).
_UNREACHABLE_SQLSTATES = frozenset({"53300", "57P01", "57P02", "57P03"})


def is_unreachable(error: DBAPIError) -> bool:
    """The database could not be reached (refused or failed connection, a connection lost
    mid-request, a server shutting down): nothing wrong with the request, a 503.

    A lost connection is invalidated by SQLAlchemy, and with it every connection its pool
    opened before: the next checkouts connect afresh, so the app recovers by itself once the
    server is back (no pre-ping, which costs a round trip per request)."""
    if error.connection_invalidated:
        return True
    orig = error.orig
    if isinstance(orig, sqlite3.Error):
        # The file cannot be opened (a volume gone): SQLite's "server" is unreachable.
        return orig.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CANTOPEN
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate[:2] == "08" or sqlstate in _UNREACHABLE_SQLSTATES
    # No SQLSTATE: the server never answered (a failed connect, a connection closed under the
    # driver), or the driver refused a mistake of ours, which is no OperationalError.
    return isinstance(error, OperationalError)


def is_unavailable(error: BaseException) -> bool:
    """The database cannot serve the request now, and may later: busy, unreachable, or every
    connection of the pool in use for longer than its timeout. The client retries (a 503)."""
    if isinstance(error, PoolTimeout):
        return True
    return isinstance(error, DBAPIError) and (is_busy(error) or is_unreachable(error))


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return build_engine(
        settings.database_url, echo=settings.database_echo, pool_size=settings.database_pool_size
    )


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit when the block ends, roll back on any error.

    An error marked `keep_changes` (a revoked token family, say) still commits what the
    service wrote before refusing: the refusal is the point, the side effect must stay.
    """
    try:
        yield session
    except AppError as error:
        if error.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    else:
        session.commit()


@lru_cache
def _read_only_engine() -> Engine:
    # Its own pool: under READ COMMITTED each statement has its own snapshot anyway, so a read
    # needs no transaction (no BEGIN and COMMIT round trips), and a write during a read is an
    # error, not a silent change.
    settings = get_settings()
    return build_engine(
        settings.database_url,
        echo=settings.database_echo,
        pool_size=settings.database_pool_size,
        read_only=True,
    )


class Sessions:
    """Where a request's session comes from: the engines. Tests point it at their own
    connection (tests/database.py), so the real `get_session` runs in their transaction."""

    def read(self) -> Session:
        return Session(_read_only_engine(), expire_on_commit=False)

    def write(self) -> Session:
        return Session(get_engine(), expire_on_commit=False)


sessions = Sessions()

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per writing request; none for a read, on a connection that refuses writes.

    `async` on purpose: opening a session does no I/O, and a read has nothing to commit, so
    no thread hop is spent here; a write commits in a worker thread."""
    if request.method in SAFE_METHODS:
        with sessions.read() as session:
            yield session
        return
    session = sessions.write()
    try:
        try:
            yield session
        except DBAPIError as error:
            await run_in_threadpool(session.rollback)
            _raise_if_unavailable(error)
            raise
        except AppError as error:
            await run_in_threadpool(session.commit if error.keep_changes else session.rollback)
            raise
        except BaseException:
            await run_in_threadpool(session.rollback)
            raise
        try:
            await run_in_threadpool(session.commit)
        except DBAPIError as error:
            _raise_if_unavailable(error)
            raise
    finally:
        await run_in_threadpool(session.close)


def _raise_if_unavailable(error: DBAPIError) -> None:
    if is_busy(error):
        raise ServiceUnavailable(
            "The database is busy with other writes; try again in a moment."
        ) from error
    if is_unreachable(error):
        log.warning("database unreachable: %r", error)
        raise ServiceUnavailable("The database cannot be reached now; try again later.") from error


T = TypeVar("T")


@lru_cache
def _async_read_engine() -> AsyncEngine | None:
    """PostgreSQL's reads on the event loop (psycopg's async driver); None for SQLite."""
    settings = get_settings()
    if settings.is_sqlite:
        return None
    return build_async_read_engine(
        settings.database_url,
        echo=settings.database_echo,
        pool_size=settings.database_read_pool_size,
    )


def build_async_read_engine(url: str, *, echo: bool = False, pool_size: int = 20) -> AsyncEngine:
    # Its own pool, for reads only: autocommit and read-only are set once per connection.
    return create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,  # an error's message is logged: no names, e-mails or tokens in it
        json_deserializer=orjson.loads,
        pool_size=pool_size,
        max_overflow=10,
        pool_recycle=1800,
        connect_args=postgres_connect_args(read_only=True),
        **_READ_ONLY_POOL,
    )


class Reader:
    """Runs a read (`fn(connection)`, plain sync SQLAlchemy code) without blocking the event
    loop and without a worker-thread hop where the driver allows it.

    On PostgreSQL the connection is async (psycopg) and `fn` runs on the event loop, its I/O
    awaited through SQLAlchemy's greenlet bridge; on SQLite it runs in a worker thread. Either
    way the connection is in autocommit and refuses writes, like the read-only session.
    Per request, nothing is kept between requests."""

    async def __call__(self, fn: Callable[[Connection], T]) -> T:
        engine = _async_read_engine()
        if engine is None:
            return await run_in_threadpool(_read, _read_only_engine(), fn)
        # Checkout, read and checkin in one greenlet: `AsyncConnection` would spawn one for
        # each (a third of a read's overhead on the members list's hot path).
        return await greenlet_spawn(_read, engine.sync_engine, fn)

    async def using_session(self, fn: Callable[[Session], T]) -> T:
        """`fn(session)` on the reader's connection: a service's read code, which takes a
        Session, run as `__call__` runs a read."""
        return await self(partial(_in_session, fn))

    async def page(
        self, schema: type[BaseModel], fn: Callable[[Session], tuple[list[Any], str | None]]
    ) -> Response:
        """A list's answer: the page `fn` reads (a service's list, run as `using_session`
        runs it), written as `schema` (`core.reads.respond_page`)."""
        return respond_page(schema, await self.using_session(fn))


async def run_check(
    request: Request, read: Reader, session: Session, check: Callable[[Session], T]
) -> T:
    """A guard's `check`: for a GET, through the reader (the GET's read path: on the event
    loop on PostgreSQL, what it returns detached); otherwise in the route's own session, which
    then holds what it loaded."""
    if request.method in SAFE_METHODS:
        return await read.using_session(check)
    return await run_in_threadpool(check, session)


def _read(engine: Engine, fn: Callable[[Connection], T]) -> T:
    with engine.connect() as connection:
        return fn(connection)


def _in_session(fn: Callable[[Session], T], connection: Connection) -> T:
    with Session(bind=connection) as session:
        return fn(session)


_READER = Reader()


async def get_reader() -> Reader:
    """A dependency, so that tests can read inside their own transaction."""
    return _READER


ReaderDep = Annotated[Reader, Depends(get_reader)]


# scope="function": the commit happens before the response is sent, so a failed commit
# is reported to the client instead of being lost after a 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@lru_cache
def migration_heads() -> frozenset[str]:
    """The revisions the code expects the schema at (read once: they change with a deploy)."""
    return frozenset(ScriptDirectory(str(ROOT / "migrations")).get_heads())


def readiness(connection: Connection) -> None:
    """Whether the app can serve: the database answers (else the error of the connect, which
    is a 503) and its schema is at the latest migration (else a 503: a deploy's migration
    has not run yet)."""
    revisions: set[str] = set()
    if inspect(connection).has_table("alembic_version"):
        revisions = set(
            connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        )
    if revisions != migration_heads():
        raise ServiceUnavailable(
            "The database schema is not at the latest migration: run `alembic upgrade head`."
        )
