"""The demo tests read one demo network, loaded once per test worker into a database of its
own; each test still runs in a rolled-back transaction on it. Tests of the loading itself
(an empty database, a taken address) are in tests/test_demo_loading.py."""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from api.demo.loader import DemoLogin, load_demo_if_empty
from tests.database import build_test_engine


@pytest.fixture(scope="session")
def demo_database(worker_id: str) -> Iterator[tuple[Engine, list[DemoLogin]]]:
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"{worker_id}_demo")
    with Session(engine) as session:
        logins = load_demo_if_empty(session)
        assert logins is not None
        session.commit()
    yield engine, logins
    engine.dispose()


@pytest.fixture(scope="session")
def engine(demo_database: tuple[Engine, list[DemoLogin]]) -> Engine:
    return demo_database[0]


@pytest.fixture(scope="session")
def logins(demo_database: tuple[Engine, list[DemoLogin]]) -> list[DemoLogin]:
    return demo_database[1]
