"""On the backend under test: migrations build an empty database, match the models, and the
newest one downgrades. Runs on a scratch database of its own, not the shared test one."""

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import api.tables  # noqa: F401
from api.db import build_engine
from tests.database import alembic_config, fresh_database_url


@pytest.fixture
def scratch(worker_id: str, engine: Engine) -> Iterator[Engine]:
    url = fresh_database_url(engine.url.render_as_string(hide_password=False), "scratch")
    scratch = build_engine(url)
    yield scratch
    scratch.dispose()


def test_upgrade_builds_an_empty_database_that_matches_the_models(scratch: Engine) -> None:
    with scratch.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with scratch.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], "models and migrations disagree (run alembic revision --autogenerate)"
    assert set(SQLModel.metadata.tables) <= set(inspect(scratch).get_table_names())


def test_the_newest_revision_downgrades_and_upgrades_again(scratch: Engine) -> None:
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with scratch.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), "-1")
        assert MigrationContext.configure(connection).get_current_revision() != head
        command.upgrade(alembic_config(connection), "head")
        assert MigrationContext.configure(connection).get_current_revision() == head
