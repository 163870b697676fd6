"""Password hashing runs a few at a time: argon2 takes 64 MiB per hash, so a flood of logins
(40 at once took a worker from 130 MiB to 2.36 GiB) must queue for slots, not run all at once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth import passwords
from api.auth.passwords import HashingBusy, hash_password, verify_password
from api.config import get_settings
from tests.assertions import assert_problem
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("hashing_slots")


class CountingHasher:
    """argon2's hasher, counting how many of its calls run at once."""

    def __init__(self) -> None:
        self.real = passwords._hasher
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def _counted(self, call: Any, *args: Any) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.02)  # long enough for the others to pile up behind
            return call(*args)
        finally:
            with self.lock:
                self.running -= 1

    def verify(self, password_hash: str, password: str) -> Any:
        return self._counted(self.real.verify, password_hash, password)

    def hash(self, password: str) -> str:
        return str(self._counted(self.real.hash, password))


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(passwords, "_hasher", counting)
    return counting


def test_concurrent_checks_never_exceed_the_bound(
    hasher: CountingHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "password_hash_concurrency", 2)
    monkeypatch.setattr(get_settings(), "password_hash_wait_ms", 60_000)
    stored = hasher.real.hash(PASSWORD)

    with ThreadPoolExecutor(max_workers=12) as pool:
        checks = [pool.submit(verify_password, stored, PASSWORD) for _ in range(10)]
        hashes = [pool.submit(hash_password, PASSWORD) for _ in range(2)]
        assert all(check.result() for check in checks)
        assert all(h.result().startswith("$argon2id$") for h in hashes)

    assert hasher.most == 2


def test_a_check_that_waits_too_long_for_a_slot_is_a_503(
    hasher: CountingHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "password_hash_concurrency", 1)
    monkeypatch.setattr(get_settings(), "password_hash_wait_ms", 50)

    with passwords.hashing_slot(), pytest.raises(HashingBusy):
        verify_password(None, PASSWORD)
    assert verify_password(None, PASSWORD) is False  # the slot is free again


def test_a_login_without_a_slot_in_time_is_answered_503_with_retry_after(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "password_hash_concurrency", 1)
    monkeypatch.setattr(get_settings(), "password_hash_wait_ms", 50)
    user = make_user(session)

    with passwords.hashing_slot():
        busy = client.post(
            "/api/v1/auth/token", data={"username": user.email, "password": PASSWORD}
        )

    assert_problem(busy, 503, "service-unavailable", code="hashing_busy")
    assert busy.headers["Retry-After"] == "1"
    # Not a failed login: the account is not counted, the next attempt goes through.
    ok = client.post("/api/v1/auth/token", data={"username": user.email, "password": PASSWORD})
    assert ok.status_code == 200
