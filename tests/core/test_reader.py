"""The Reader runs sync Core code without blocking the event loop: on the loop itself (psycopg's
async driver) on PostgreSQL, in a worker thread on SQLite. The app's routes are tested with the
reader on the test's transaction (conftest); this runs the real one."""

import asyncio
import threading

from sqlalchemy import Connection, text

from api import db
from api.config import get_settings


def test_the_reader_reads_on_the_event_loop_on_postgresql_in_a_thread_on_sqlite() -> None:
    def answer(connection: Connection) -> tuple[int, bool]:
        value = connection.execute(text("SELECT 41 + 1")).scalar_one()
        return value, threading.current_thread() is threading.main_thread()

    async def read() -> tuple[int, bool]:
        engine = db._async_read_engine()
        try:
            return await db.Reader()(answer)
        finally:
            if engine is not None:
                await engine.dispose()
            db._async_read_engine.cache_clear()

    value, on_the_loop = asyncio.run(read())

    assert value == 42
    assert on_the_loop is not get_settings().is_sqlite


def test_an_error_in_the_read_reaches_the_caller_and_returns_the_connection() -> None:
    class Refused(Exception):
        pass

    def failing(connection: Connection) -> None:
        connection.execute(text("SELECT 1"))
        raise Refused()

    async def read() -> int:
        engine = db._async_read_engine()
        try:
            try:
                await db.Reader()(failing)
            except Refused:
                pass
            else:
                raise AssertionError("the error was swallowed")
            pool = (engine.sync_engine if engine is not None else db._read_only_engine()).pool
            return int(pool.checkedout())  # type: ignore[attr-defined]
        finally:
            if engine is not None:
                await engine.dispose()
            db._async_read_engine.cache_clear()

    assert asyncio.run(read()) == 0
