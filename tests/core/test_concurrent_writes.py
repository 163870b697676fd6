"""Writers at once, on a database of their own that they really commit to (both backends):
a write waits for the lock up to the timeout, and one that still cannot get it is a 503 with
`Retry-After`, never a 500. Reads never take the lock."""

import os
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, func, select

from api.auth.permissions import Role
from api.db import build_engine, is_busy
from api.main import app
from api.working_groups.models import WorkingGroup
from tests.assertions import assert_problem
from tests.database import app_engines, build_test_engine
from tests.factories import PASSWORD, auth, make_committee, make_user

ANSWERS = {200, 201, 204, 409, 412}  # what a write may answer when it got the lock
WRITERS, REQUESTS = 4, 12


@pytest.fixture(scope="module")
def url(worker_id: str) -> Iterator[str]:
    """A migrated database apart from the rolled-back tests', which the app commits to."""
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"{worker_id}_writers")
    yield engine.url.render_as_string(hide_password=False)
    engine.dispose()


@contextmanager
def write_lock(engine: Engine) -> Iterator[Connection]:
    """Another writer holding what a write to a committee needs: SQLite's one write lock,
    PostgreSQL's row locks on the committees."""
    with engine.connect() as connection, connection.begin():
        connection.execute(text("UPDATE committees SET name = name"))
        yield connection


def test_concurrent_writers_get_answers_never_a_500(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    # A timeout no queue of a few writers reaches: each waits for the lock and gets it, none is
    # refused at once (a deferred BEGIN's write, after another commit, fails without waiting).
    with app_engines(monkeypatch, url, lock_timeout_ms=30_000) as engine:
        with Session(engine, expire_on_commit=False) as session:
            committee = make_committee(session)
            user = make_user(session, role=Role.network_admin)
            session.commit()
        headers = auth(user)
        base = f"/api/v1/committees/{committee.id}"

        def writer(n: int) -> list[httpx2.Response]:
            answers = []
            client = TestClient(app, raise_server_exceptions=False)
            for i in range(REQUESTS):
                kind = (n + i) % 3
                if kind == 0:  # read the parent, then insert under it
                    answers.append(
                        client.post(
                            f"{base}/working-groups", json={"title": f"GT {n}-{i}"}, headers=headers
                        )
                    )
                elif kind == 1:  # read, then update one row everybody updates
                    etag = client.get(base, headers=headers).headers["ETag"]
                    answers.append(
                        client.patch(
                            base,
                            json={"name": f"Comité {n}-{i}"},
                            headers=headers | {"If-Match": etag},
                        )
                    )
                else:  # a login writes its refresh token
                    answers.append(
                        client.post(
                            "/api/v1/auth/token",
                            data={"username": user.email, "password": PASSWORD},
                        )
                    )
            return answers

        with ThreadPoolExecutor(WRITERS) as pool:
            answers = [r for batch in pool.map(writer, range(WRITERS)) for r in batch]

        statuses = Counter(r.status_code for r in answers)
        assert set(statuses) <= ANSWERS, statuses
        assert statuses[201] > 0
        groups = select(func.count()).where(WorkingGroup.committee_id == committee.id)
        with Session(engine) as session:  # every 201 was committed, nothing more
            assert session.exec(groups).one() == sum(
                1
                for r in answers
                if r.status_code == 201 and r.request.url.path.endswith("/working-groups")
            )


def test_a_write_that_cannot_get_the_lock_in_time_is_a_503_with_retry_after(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    with app_engines(monkeypatch, url, lock_timeout_ms=100) as engine:
        with Session(engine, expire_on_commit=False) as session:
            committee = make_committee(session)
            user = make_user(session, role=Role.network_admin)
            session.commit()
        client = TestClient(app, raise_server_exceptions=False)
        path = f"/api/v1/committees/{committee.id}"
        headers = auth(user) | {"If-Match": '"1"'}

        other = build_engine(url)
        try:
            with write_lock(other):
                refused = client.patch(path, json={"name": "Renommé"}, headers=headers)
                read = client.get(path, headers=auth(user))  # a read does not wait
            retried = client.patch(path, json={"name": "Renommé"}, headers=headers)
        finally:
            other.dispose()

    assert_problem(refused, 503, "service-unavailable", code="service_unavailable")
    assert refused.headers["Retry-After"] == "1"
    assert read.status_code == 200, read.text
    assert retried.status_code == 200, retried.text  # nothing was half-written
    assert retried.json()["name"] == "Renommé"


@pytest.fixture
def two_writers(url: str) -> Iterator[tuple[Engine, Engine]]:
    holder, waiter = build_engine(url), build_engine(url, lock_timeout_ms=50)
    yield holder, waiter
    holder.dispose()
    waiter.dispose()


def test_a_lock_timeout_is_busy_and_other_errors_are_not(
    two_writers: tuple[Engine, Engine],
) -> None:
    holder, waiter = two_writers
    with Session(holder) as session:
        make_committee(session)  # a row to lock
        session.commit()
    with holder.connect() as held, held.begin():
        held.execute(text("UPDATE committees SET name = name"))
        with (
            waiter.connect() as connection,
            pytest.raises(DBAPIError) as timed_out,
            connection.begin(),
        ):
            connection.execute(text("UPDATE committees SET name = name"))
    with waiter.connect() as connection, pytest.raises(DBAPIError) as other:
        connection.execute(text("SELECT * FROM no_such_table"))

    assert is_busy(timed_out.value)
    assert not is_busy(other.value)


def test_a_deadlock_postgresql_breaks_is_busy(two_writers: tuple[Engine, Engine]) -> None:
    holder, waiter = two_writers
    if holder.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: writers queue, they never deadlock")
    with Session(holder, expire_on_commit=False) as session:
        one, another = make_committee(session), make_committee(session)
        session.commit()
    update = text("UPDATE committees SET name = name WHERE id = :id")
    both_hold_one = threading.Barrier(2)
    errors: list[DBAPIError] = []

    def lock(engine: Engine, first: uuid.UUID, then: uuid.UUID) -> None:
        with engine.connect() as connection:
            try:
                with connection.begin():
                    connection.exec_driver_sql("SET LOCAL lock_timeout = 0")  # until it is seen
                    connection.execute(update, {"id": first})
                    both_hold_one.wait()
                    connection.execute(update, {"id": then})
            except DBAPIError as error:
                errors.append(error)

    threads = [
        threading.Thread(target=lock, args=(holder, one.id, another.id)),
        threading.Thread(target=lock, args=(waiter, another.id, one.id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(errors) == 1  # PostgreSQL failed one to let the other through
    assert is_busy(errors[0])
