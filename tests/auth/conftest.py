"""Fixtures of the limiter's tests: a clock the test moves, and the store each test runs on
(the database, or Redis under a key prefix of its own, so no test sees another's counters)."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI

from api.auth import passwords
from api.auth.throttle import get_clock, redis_client
from api.config import get_settings
from api.main import app

REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 29, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def serve(self, served: FastAPI) -> None:
        """`served`'s limiter reads this clock (until the test ends, for the app's own)."""
        served.dependency_overrides[get_clock] = lambda: self


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    fake.serve(app)
    yield fake
    app.dependency_overrides.pop(get_clock, None)


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Which store the app's limiter uses for this test: its name."""
    if request.param == "redis":
        prefix = f"ancrage-test-{uuid.uuid4().hex}:"
        monkeypatch.setattr(get_settings(), "redis_url", REDIS_URL)
        monkeypatch.setattr(get_settings(), "redis_key_prefix", prefix)
        yield request.param
        client = redis_client(REDIS_URL)
        if keys := list(client.scan_iter(match=prefix + "*")):
            client.delete(*keys)
    else:
        yield request.param


@pytest.fixture
def hashing_slots(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's hashing slots rebuilt from the settings the test sets, then restored."""
    passwords._slots.cache_clear()
    yield
    monkeypatch.undo()
    passwords._slots.cache_clear()
