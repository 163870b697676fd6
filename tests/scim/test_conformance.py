"""scim2-tester, a third-party SCIM conformance checker, against a served app (uvicorn on a
free port, its own database): a machine client with both member scopes, bound to one
committee, passes every check it runs (discovery, CRUD, PATCH add/replace/remove on every
attribute the schemas publish) with zero errors."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server
from sqlalchemy import Engine
from sqlmodel import Session

from api.auth.permissions import ClientScope
from tests.database import ROOT, build_test_engine
from tests.factories import make_client, make_committee
from tests.memberships.factories import make_membership

READY_WITHIN_SECONDS = 120


@pytest.fixture(scope="module")
def database(worker_id: str) -> Iterator[Engine]:
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"scim_{worker_id}")
    yield engine
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(database: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = database.url.render_as_string(hide_password=False)
    log = tmp_path_factory.mktemp("scim") / "server.log"
    port = _free_port()
    env = os.environ | {"DATABASE_URL": url, "ENVIRONMENT": "development"}
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", "1",
             "--log-level", "warning", "--no-access-log"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base, log)
        yield base
    finally:
        process.kill()
        process.wait(timeout=30)


def _wait_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server exited:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if httpx.get(f"{base}/api/v1/health/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"not ready in {READY_WITHIN_SECONDS} s")
        time.sleep(0.2)


def test_scim2_tester_finds_no_error(database: Engine, server: str) -> None:
    with Session(database, expire_on_commit=False) as session:
        committee = make_committee(session)
        make_membership(session, committee=committee)
        client_id, secret = make_client(
            session, ClientScope.members_read, ClientScope.members_write, committees=[committee]
        )
        session.commit()
    token = httpx.post(
        f"{server}/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": str(client_id),
              "client_secret": secret},
        timeout=30,
    )  # fmt: skip
    assert token.status_code == 200, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    with httpx2.Client(base_url=f"{server}/scim/v2", headers=headers, timeout=30) as http:
        results = check_server(SyncSCIMClient(http))

    failed = [r for r in results if r.status in (Status.ERROR, Status.CRITICAL)]
    assert not failed, "\n".join(f"{r.title} [{r.resource_type}]: {r.reason}" for r in failed)
    passed = [r for r in results if r.status == Status.SUCCESS]
    assert len(passed) > 50, [(r.title, r.status, r.reason) for r in results]
