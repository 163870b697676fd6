"""Two `ancrage serve` processes on one PostgreSQL database: what one worker knows, the other
knows, because it is in the database and not in a worker's memory; and a SIGTERM lets the
requests in flight finish before the process exits 0."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.cli import connection_budget_warning
from api.config import Settings
from api.idempotency.models import IdempotencyRecord
from api.meetings.models import Attendance, Meeting
from api.people.models import Person
from tests.assertions import assert_problem
from tests.database import ROOT, build_test_engine
from tests.factories import PASSWORD, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member

READY_WITHIN_SECONDS = 120  # two cold starts at once, on a machine the test suite shares


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@dataclass
class Seeded:
    admin: User
    meeting: Meeting
    people: list[Person]


@pytest.fixture(scope="module")
def database(worker_id: str) -> Iterator[Engine]:
    url = os.environ["TEST_DATABASE_URL"]
    if url.startswith("sqlite"):
        pytest.skip("two servers share a database server: PostgreSQL only (SQLite is a file)")
    engine = build_test_engine(url, f"serve_{worker_id}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def seeded(database: Engine) -> Seeded:
    with Session(database, expire_on_commit=False) as session:
        admin = make_user(session, role=Role.network_admin)
        committee = make_committee(session)
        meeting = make_meeting(session, committee=committee)
        people = [make_member(session, committee=committee) for _ in range(3)]
        session.commit()
    return Seeded(admin=admin, meeting=meeting, people=people)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(url: str, log: Path, **settings: str) -> Server:
    port = _free_port()
    env = os.environ | {"DATABASE_URL": url, "ENVIRONMENT": "development"} | settings
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", "1",
             "--log-level", "warning", "--no-access-log"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return Server(process, f"http://127.0.0.1:{port}/api/v1", log)


def _wait_ready(servers: list[Server]) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    waiting = list(servers)
    while waiting:
        server = waiting[0]
        if server.process.poll() is not None:
            pytest.fail(f"the server exited ({server.process.returncode}):\n{server.output()}")
        try:
            if httpx.get(f"{server.base}/health/ready", timeout=2).status_code == 200:
                waiting.pop(0)
                continue
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"the server was not ready in {READY_WITHIN_SECONDS} s:\n{server.output()}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def servers(
    database: Engine, seeded: Seeded, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    """Servers A and B, one worker each, on the same database; B behind a proxy at 127.0.0.1.
    The last test of the module stops A (so tests that need A come before it, in file order)."""
    url = database.url.render_as_string(hide_password=False)
    logs = tmp_path_factory.mktemp("serve")
    proxied = {"TRUSTED_PROXY": "true", "TRUSTED_PROXY_IPS": '["127.0.0.1"]'}
    pair = (_start(url, logs / "a.log"), _start(url, logs / "b.log", **proxied))
    try:
        _wait_ready(list(pair))
        yield pair
    finally:
        for server in pair:
            if server.process.poll() is None:
                server.process.kill()
            server.process.wait(timeout=30)


def _login(server: Server, user: User) -> dict[str, Any]:
    response = httpx.post(
        f"{server.base}/auth/token",
        data={"grant_type": "password", "username": user.email, "password": PASSWORD},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _refresh(server: Server, refresh_token: str) -> httpx.Response:
    return httpx.post(
        f"{server.base}/auth/refresh", json={"refresh_token": refresh_token}, timeout=30
    )


def _bearer(pair: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def _count(engine: Engine, model: type, *where: Any) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
        )


def test_an_idempotent_write_replayed_on_the_other_process_gets_the_first_answer(
    servers: tuple[Server, Server], seeded: Seeded, database: Engine
) -> None:
    a, b = servers
    headers = _bearer(_login(a, seeded.admin))
    path = f"/meetings/{seeded.meeting.id}/attendance"
    key = {"Idempotency-Key": f"two-processes-{uuid.uuid4()}"}

    def put(server: Server, status: str, extra: dict[str, str]) -> httpx.Response:
        entries = [{"person_id": str(p.id), "status": status} for p in seeded.people]
        return httpx.put(
            server.base + path, json={"entries": entries}, headers=headers | extra, timeout=30
        )

    first = put(a, "present", key)
    # Someone changes the attendance on B before the client's retry reaches B.
    later = put(b, "absent", {})
    retry = put(b, "present", key)

    assert first.status_code == later.status_code == 200, (first.text, later.text)
    assert retry.status_code == 200, retry.text
    assert retry.json() == first.json()
    assert first.json()["created"] == len(seeded.people)
    assert _count(database, IdempotencyRecord, IdempotencyRecord.key == key["Idempotency-Key"]) == 1
    with database.connect() as connection:
        statuses = connection.execute(
            select(Attendance.status).where(Attendance.meeting_id == seeded.meeting.id)
        ).scalars()
        assert sorted(statuses) == ["absent"] * len(seeded.people)  # the retry ran nothing


def test_a_refresh_token_rotated_on_one_process_and_reused_on_the_other_revokes_its_family(
    servers: tuple[Server, Server], seeded: Seeded
) -> None:
    a, b = servers
    first = _login(a, seeded.admin)
    rotated = _refresh(a, first["refresh_token"])
    assert rotated.status_code == 200, rotated.text

    reuse = _refresh(b, first["refresh_token"])
    after_reuse = _refresh(a, rotated.json()["refresh_token"])

    assert_problem(reuse, 401, "unauthorized")
    assert "revoked" in reuse.json()["detail"]
    assert_problem(after_reuse, 401, "unauthorized")


def test_failed_logins_on_either_process_count_against_the_account_on_both(
    servers: tuple[Server, Server], database: Engine
) -> None:
    a, b = servers
    with Session(database, expire_on_commit=False) as session:
        user = make_user(session, role=Role.network_admin)
        session.commit()
    backoff_after = Settings().login_backoff_after

    def attempt(server: Server, password: str) -> httpx.Response:
        form = {"grant_type": "password", "username": user.email, "password": password}
        return httpx.post(f"{server.base}/auth/token", data=form, timeout=30)

    wrong = [attempt((a, b)[n % 2], "not the password") for n in range(backoff_after)]
    right_on_a, right_on_b = attempt(a, PASSWORD), attempt(b, PASSWORD)

    assert [r.status_code for r in wrong] == [401] * backoff_after
    for refused in (right_on_a, right_on_b):
        assert_problem(refused, 429, code="attempts_throttled")
        assert int(refused.headers["Retry-After"]) >= 1


def test_forwarded_headers_count_only_behind_a_trusted_proxy(
    servers: tuple[Server, Server],
) -> None:
    a, b = servers
    forwarded = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "203.0.113.7",
        "X-Request-ID": "set-by-the-proxy",
    }

    direct = httpx.get(f"{a.base}/health", headers=forwarded, timeout=30)
    proxied = httpx.get(f"{b.base}/health", headers=forwarded, timeout=30)

    assert direct.status_code == proxied.status_code == 200
    # https said by the proxy: HSTS; said by a client without one: nothing believed.
    assert "Strict-Transport-Security" not in direct.headers
    assert direct.headers["X-Request-ID"] != "set-by-the-proxy"
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=")
    assert proxied.headers["X-Request-ID"] == "set-by-the-proxy"


def test_serve_warns_when_its_workers_may_open_more_connections_than_postgresql_takes(
    database: Engine,
) -> None:
    settings = Settings(
        database_url=database.url.render_as_string(hide_password=False),
        database_pool_size=1,
        database_read_pool_size=1,
    )
    with database.connect() as connection:
        limit = int(connection.exec_driver_sql("SHOW max_connections").scalar_one())
    too_many = limit // settings.connections_per_worker() + 1

    assert connection_budget_warning(settings, workers=1) is None
    warning = connection_budget_warning(settings, workers=too_many)
    assert warning is not None
    assert f"{too_many} workers may open {too_many * 33} PostgreSQL connections" in warning
    assert f"max_connections {limit}" in warning


def test_sigterm_lets_the_request_in_flight_finish_then_the_process_exits_0(
    servers: tuple[Server, Server], seeded: Seeded, database: Engine
) -> None:
    a, _b = servers
    headers = _bearer(_login(a, seeded.admin))
    person = seeded.people[0]
    etag = httpx.get(f"{a.base}/people/{person.id}", headers=headers, timeout=30).headers["ETag"]

    with database.connect() as blocker, ThreadPoolExecutor(1) as pool:
        # The person's row locked here: A's PATCH waits on it, in flight, until the lock goes.
        blocker.execute(text("SELECT 1 FROM people WHERE id = :id FOR UPDATE"), {"id": person.id})
        patch = pool.submit(
            httpx.patch,
            f"{a.base}/people/{person.id}",
            json={"first_name": "Renamed"},
            headers=headers | {"If-Match": etag},
            timeout=30,
        )
        _wait_for_a_lock_waiter(database)
        a.process.send_signal(signal.SIGTERM)
        time.sleep(1)
        still_serving = a.process.poll() is None
        blocker.rollback()  # the lock goes: the PATCH goes on
        response = patch.result(timeout=30)

    exit_code = a.process.wait(timeout=10)
    assert still_serving, a.output()
    assert response.status_code == 200, response.text
    assert response.json()["first_name"] == "Renamed"
    assert exit_code == 0, a.output()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{a.base}/health/live", timeout=5)


def _wait_for_a_lock_waiter(engine: Engine) -> None:
    """Until a backend of this database waits for a lock (the in-flight PATCH); within the
    server's lock timeout (5 s), or the PATCH would give up with a 503. (Another connection
    than the lock's: a transaction sees pg_stat_activity as it first read it.)"""
    with engine.connect() as connection:
        for _ in range(80):
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            connection.rollback()
            if waiting:
                return
            time.sleep(0.05)
    pytest.fail("the PATCH never waited for the row lock")
