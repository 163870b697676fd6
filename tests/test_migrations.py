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
    Connection,
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


_TYPES = {uuid.UUID: Uuid(), date: Date(), bool: Boolean(), int: Integer(), str: String()}


def _insert(connection: Connection, table_name: str, /, **values: object) -> uuid.UUID:
    """A row of `table_name` at an older revision (no model to lean on), with its bookkeeping."""
    row_id = uuid.uuid4()
    values = {"id": row_id, "version": 1} | values
    columns = [column(k, _TYPES[type(v)]) for k, v in values.items()]
    stamps = [column("created_at", UTCDateTime()), column("updated_at", UTCDateTime())]
    connection.execute(
        table(table_name, *columns, *stamps)
        .insert()
        .values(**values, created_at=utcnow(), updated_at=utcnow())
    )
    return row_id


def test_renewals_get_their_sync_ids_back_and_group_members_become_people(
    scratch: Engine,
) -> None:
    """Revision 04c5d39d7b7d: the pair lost by renewals is copied down each chain; working
    group members turn from terms into people (one each), and back to their latest term."""
    migrate(scratch, "ed8742be1586")
    with scratch.begin() as connection:
        committee = _insert(
            connection, "committees", name="C", search_key="c", scale="departmental",
            is_public=True, status="active", status_since=date(2022, 3, 29),
        )  # fmt: skip
        person, other = (
            _insert(connection, "people", first_name="A", last_name=n, sort_key=n,
                    category="social_worker")
            for n in ("a", "b")
        )  # fmt: skip
        term: dict[str, object] = {
            "committee_id": committee, "role": "member", "sort_key": "a", "person_id": person,
        }  # fmt: skip
        first = _insert(connection, "memberships", **term, start_on=date(2022, 1, 1),
                        end_on=date(2022, 12, 31), external_id="m-1", source="cd07")  # fmt: skip
        second = _insert(connection, "memberships", **term, start_on=date(2023, 1, 1),
                         end_on=date(2023, 12, 31), renewal_of_id=first)  # fmt: skip
        third = _insert(connection, "memberships", **term, start_on=date(2024, 1, 1),
                        renewal_of_id=second)  # fmt: skip
        others = _insert(connection, "memberships", **term | {"person_id": other},
                         start_on=date(2024, 1, 1))  # fmt: skip
        group = _insert(connection, "working_groups", committee_id=committee, title="GT",
                        status="active")  # fmt: skip
        links = table("working_group_members", column("working_group_id", Uuid()),
                      column("membership_id", Uuid()))  # fmt: skip
        connection.execute(
            links.insert(),
            [{"working_group_id": group, "membership_id": m} for m in (first, third, others)],
        )
    memberships = table(
        "memberships", column("id", Uuid()), column("external_id", String()),
        column("source", String()), column("version", Integer()),
    )  # fmt: skip

    def sync_ids(connection: Connection) -> dict[uuid.UUID, tuple[object, ...]]:
        rows = connection.execute(select(memberships)).all()
        return {row[0]: tuple(row[1:]) for row in rows}

    migrate(scratch, "04c5d39d7b7d")
    with scratch.connect() as connection:
        carried = sync_ids(connection)
        people = connection.execute(
            select(column("working_group_id", Uuid()), column("person_id", Uuid())).select_from(
                table("working_group_members")
            )
        ).all()
    assert [carried[t] for t in (first, second, third, others)] == [
        ("m-1", "cd07", 1), ("m-1", "cd07", 2), ("m-1", "cd07", 2), (None, None, 1),
    ]  # fmt: skip
    assert sorted(people) == sorted([(group, person), (group, other)])

    migrate(scratch, "ed8742be1586", down=True)
    with scratch.connect() as connection:
        back = sync_ids(connection)
        terms = connection.execute(select(links.c.membership_id)).scalars().all()
    assert [back[t][:2] for t in (first, second, third)] == [
        ("m-1", "cd07"), (None, None), (None, None),
    ]  # fmt: skip
    assert sorted(terms) == sorted([third, others])


def test_the_attendance_tallies_are_counted_from_the_attendance_recorded(scratch: Engine) -> None:
    """Revision 2ae54f46e16a fills the tallies: people per meeting and category by status."""
    migrate(scratch, "b15bf14045ff")
    with scratch.begin() as connection:
        committee = _insert(
            connection, "committees", name="C", search_key="c", scale="departmental",
            is_public=True, status="active", status_since=date(2022, 3, 29),
        )  # fmt: skip
        people = [
            _insert(connection, "people", first_name="A", last_name=f"n{n}", sort_key=f"n{n}",
                    category="social_worker")
            for n in range(4)
        ]  # fmt: skip
        meetings = table(
            "meetings", column("id", Uuid()), column("committee_id", Uuid()),
            column("kind", String()), column("title", String()), column("mode", String()),
            column("starts_at", UTCDateTime()), column("created_at", UTCDateTime()),
            column("updated_at", UTCDateTime()), column("version", Integer()),
        )  # fmt: skip
        held, empty = uuid.uuid4(), uuid.uuid4()
        connection.execute(
            meetings.insert(),
            [
                {"id": m, "committee_id": committee, "kind": "agora", "title": "A",
                 "mode": "in_person", "starts_at": utcnow(), "created_at": utcnow(),
                 "updated_at": utcnow(), "version": 1}
                for m in (held, empty)
            ],
        )  # fmt: skip
        attendances = table(
            "attendances", column("meeting_id", Uuid()), column("person_id", Uuid()),
            column("status", String()), column("category", String()),
            column("updated_at", UTCDateTime()),
        )  # fmt: skip
        marked = [("present", "student"), ("present", "student"), ("present", "other"),
                  ("absent", "student")]  # fmt: skip
        connection.execute(
            attendances.insert(),
            [
                {"meeting_id": held, "person_id": p, "status": s, "category": c,
                 "updated_at": utcnow()}
                for p, (s, c) in zip(people, marked, strict=True)
            ],
        )  # fmt: skip

    migrate(scratch, "2ae54f46e16a")
    tallies = table(
        "attendance_tallies", column("meeting_id", Uuid()), column("category", String()),
        column("registered", Integer()), column("present", Integer()),
        column("excused", Integer()), column("absent", Integer()),
    )  # fmt: skip
    with scratch.connect() as connection:
        counted = connection.execute(select(tallies)).all()
    assert sorted(tuple(row) for row in counted) == [
        (held, "other", 0, 1, 0, 0), (held, "student", 0, 2, 0, 1),
    ]  # fmt: skip
