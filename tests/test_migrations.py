"""On the backend under test: migrations build an empty database, match the models, and the
newest one downgrades. Runs on a scratch database of its own, not the shared test one."""

import json
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Engine,
    Integer,
    String,
    Uuid,
    column,
    inspect,
    select,
    table,
)
from sqlmodel import SQLModel

import api.tables  # noqa: F401
from api.core.clock import utcnow
from api.core.models import UTCDateTime
from api.db import build_engine
from tests.database import alembic_config, fresh_database_url, migrate


@pytest.fixture
def scratch(worker_id: str, engine: Engine) -> Iterator[Engine]:
    url = fresh_database_url(engine.url.render_as_string(hide_password=False), "scratch")
    scratch = build_engine(url)
    yield scratch
    scratch.dispose()


def test_upgrade_builds_an_empty_database_that_matches_the_models(scratch: Engine) -> None:
    migrate(scratch, "head")
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
    migrate(scratch, "head")
    migrate(scratch, "-1", down=True)
    assert _revision(scratch) != head
    migrate(scratch, "head")
    assert _revision(scratch) == head


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_carrier_names_become_organisations_and_come_back(scratch: Engine) -> None:
    """The participation revision turns committees' carrier names into organisations."""
    committees = table(
        "committees",
        column("id", Uuid()), column("name", String()), column("search_key", String()),
        column("scale", String()), column("is_public", Boolean()), column("status", String()),
        column("status_since", Date()), column("created_at", UTCDateTime()),
        column("updated_at", UTCDateTime()), column("version", Integer()),
        column("carrying_organisations", JSON()),
    )  # fmt: skip
    migrate(scratch, "a9ccf55d5883")
    names = ["Conseil départemental de l'Ardèche", "Ocellia"]
    with scratch.begin() as connection:
        for n in range(2):
            connection.execute(
                committees.insert().values(
                    id=uuid.uuid4(), name=f"C{n}", search_key=f"c{n}", scale="departmental",
                    is_public=True, status="active", status_since=date(2022, 3, 29),
                    created_at=utcnow(), updated_at=utcnow(), version=1,
                    carrying_organisations=names,
                )
            )  # fmt: skip

    migrate(scratch, "5c1f0e2b7a90")
    with scratch.connect() as connection:
        organisations = connection.exec_driver_sql("SELECT name FROM organisations").all()
        links = connection.exec_driver_sql("SELECT COUNT(*) FROM committee_carriers").scalar()
    assert sorted(name for (name,) in organisations) == names  # shared, not duplicated
    assert links == 4

    migrate(scratch, "a9ccf55d5883", down=True)
    with scratch.connect() as connection:
        back = connection.execute(select(committees.c.carrying_organisations)).scalars().all()
    assert [json.loads(v) if isinstance(v, str) else v for v in back] == [names, names]
