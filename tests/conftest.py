"""Test harness: one database per run, built by `alembic upgrade head`; one rolled-back
transaction per test. `TEST_DATABASE_URL` picks the backend (SQLite by default)."""

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

_tmp = Path(tempfile.mkdtemp(prefix="ancrage-tests-"))
os.environ.setdefault("TEST_DATABASE_URL", f"sqlite:///{_tmp / 'test.db'}")
os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]
os.environ["ENVIRONMENT"] = "test"

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Connection, Engine  # noqa: E402
from sqlmodel import Session  # noqa: E402

from api.db import Reader, get_reader, get_session, transaction  # noqa: E402
from api.main import app  # noqa: E402
from tests.database import build_test_engine  # noqa: E402

pytest_plugins = ["tests.factories"]

T = TypeVar("T")


@pytest.fixture(scope="session")
def engine(worker_id: str) -> Iterator[Engine]:
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], worker_id)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    # Set by pytest-xdist; "master" without it.
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    # Commits inside the code under test release savepoints; the outer transaction rolls back.
    with Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as session:
        yield session


class SessionReader(Reader):
    """Reads on the test's connection, inside its rolled-back transaction, and like the
    app's reads in autocommit: no transaction (savepoint) of their own."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def __call__(self, fn: Callable[[Connection], T]) -> T:
        self.session.flush()  # what the test set up is visible, as if committed
        connection = self.session.bind
        assert isinstance(connection, Connection)
        return fn(connection)


def use_test_session(session: Session) -> None:
    """Route the app's session and reads to the test's transaction."""

    def test_session() -> Iterator[Session]:
        # What the test set up before the request is committed, as it would be in real life
        # (a savepoint release: the outer transaction still rolls everything back).
        session.commit()
        with transaction(session):
            yield session

    app.dependency_overrides[get_session] = test_session
    app.dependency_overrides[get_reader] = lambda: SessionReader(session)


@pytest.fixture
def client(session: Session) -> Iterator[TestClient]:
    use_test_session(session)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.dependency_overrides.clear()


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ["TEST_DATABASE_URL"]
    return f"database backend: {url.split(':', 1)[0].split('+', 1)[0]}"
