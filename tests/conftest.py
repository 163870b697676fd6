"""Test harness: one database per run, built by `alembic upgrade head`; one rolled-back
transaction per test, in which the app's real `get_session` commits and rolls back
(tests/database.py). `TEST_DATABASE_URL` picks the backend (SQLite by default)."""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_tmp = Path(tempfile.mkdtemp(prefix="ancrage-tests-"))
os.environ.setdefault("TEST_DATABASE_URL", f"sqlite:///{_tmp / 'test.db'}")
os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]
os.environ["ENVIRONMENT"] = "test"

import pytest  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Connection, Engine  # noqa: E402
from sqlmodel import Session  # noqa: E402

import api.tables  # noqa: E402, F401  (every table, so foreign keys across domains resolve)
from api.auth import passwords  # noqa: E402
from api.main import app  # noqa: E402
from tests.aggregates_kept import aggregates_kept  # noqa: E402
from tests.database import build_test_engine, serving  # noqa: E402

pytest_plugins = ["tests.factories"]

# argon2id at its lowest cost, before the factories hash their one password: the tests judge
# who may log in and how often, not argon2's strength (a check costs 1 ms instead of 100-200).
# Processes a test starts (the CLI, servers) keep the real parameters.
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
passwords._DUMMY_HASH = passwords._hasher.hash("a password nobody has")


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
        aggregates_kept(connection)
        outer.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    # Commits inside the code under test release savepoints; the outer transaction rolls back.
    with Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as session:
        yield session


@pytest.fixture
def client(session: Session) -> Iterator[TestClient]:
    with serving(session), TestClient(app, raise_server_exceptions=False) as client:
        yield client


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ["TEST_DATABASE_URL"]
    return f"database backend: {url.split(':', 1)[0].split('+', 1)[0]}"
