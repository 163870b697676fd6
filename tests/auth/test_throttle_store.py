"""The limiter's parts: the policy's arithmetic, and the two stores counting alike."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from api.auth.models import AuthFailure
from api.auth.throttle import (
    AccountLocked,
    AttemptsThrottled,
    LimiterUnavailable,
    Policy,
    RedisStore,
    SqlStore,
    Store,
    Tally,
    Throttle,
    redis_client,
)
from api.config import get_settings
from tests.auth.conftest import REDIS_URL

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
POLICY = Policy(
    backoff_after=3, backoff_max_seconds=10, window_seconds=3600, lock_after=6, lock_seconds=900
)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_below_the_threshold_nothing_waits() -> None:
    assert POLICY.refusal(None, T0) is None
    assert POLICY.refusal(Tally(2, T0), T0) is None


def test_the_wait_doubles_from_one_second_up_to_the_cap() -> None:
    waits = []
    for failures in range(3, 6):
        refusal = POLICY.refusal(Tally(failures, T0), T0)
        assert isinstance(refusal, AttemptsThrottled)
        waits.append(refusal.retry_after_seconds)

    assert waits == [1, 2, 4]
    capped = Policy(backoff_after=3, backoff_max_seconds=10, window_seconds=3600)
    assert [capped.refusal(Tally(n, T0), T0).retry_after_seconds for n in (6, 7, 500)] == [  # type: ignore[union-attr]
        8,
        10,
        10,
    ]


def test_the_wait_counts_from_the_last_failure_and_rounds_up() -> None:
    refusal = POLICY.refusal(Tally(5, T0), at(2.5))  # a 4 s wait, 2.5 s gone

    assert refusal is not None
    assert refusal.retry_after_seconds == 2
    assert refusal.headers["Retry-After"] == "2"
    assert POLICY.refusal(Tally(5, T0), at(4)) is None


def test_a_lock_lasts_its_time() -> None:
    refusal = POLICY.refusal(Tally(6, T0), at(100))

    assert isinstance(refusal, AccountLocked)
    assert refusal.retry_after_seconds == 800
    assert POLICY.refusal(Tally(6, T0), at(900)) is None


def test_failures_past_the_window_count_for_nothing() -> None:
    # (Settings keep the window over any wait: here a lock outlasts it, to show the window.)
    long_lock = Policy(
        backoff_after=3, backoff_max_seconds=10, window_seconds=3600, lock_after=6,
        lock_seconds=86_400,
    )  # fmt: skip

    assert long_lock.refusal(Tally(50, T0), at(3599)) is not None
    assert long_lock.refusal(Tally(50, T0), at(3600)) is None


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest, session: Session) -> Iterator[Store]:
    if request.param == "database":
        yield SqlStore(session)
        return
    prefix = f"ancrage-test-{uuid.uuid4().hex}:"
    client = redis_client(REDIS_URL)
    yield RedisStore(client, prefix=prefix, window_seconds=3600)
    if keys := list(client.scan_iter(match=prefix + "*")):
        client.delete(*keys)


def test_a_store_counts_failures_per_key(store: Store) -> None:
    for n in range(3):
        tally = store.record_failure("a", now=at(n), forget_before=at(n - 3600))
    store.record_failure("b", now=at(10), forget_before=at(10 - 3600))

    assert tally == Tally(3, at(2))
    assert store.read(["a", "b", "c"]) == {"a": Tally(3, at(2)), "b": Tally(1, at(10))}


def test_a_store_starts_again_after_the_window(store: Store) -> None:
    store.record_failure("a", now=at(0), forget_before=at(-3600))
    store.record_failure("a", now=at(1), forget_before=at(1 - 3600))

    assert store.record_failure("a", now=at(3601), forget_before=at(1)) == Tally(1, at(3601))


def test_a_store_forgets_what_it_is_told(store: Store) -> None:
    for key in ("a", "b"):
        store.record_failure(key, now=T0, forget_before=at(-3600))

    store.clear(["a", "nothing"])

    assert store.read(["a", "b"]) == {"b": Tally(1, T0)}


def test_the_database_store_purges_forgotten_rows(session: Session) -> None:
    store = SqlStore(session)
    for n in range(3):
        store.record_failure(f"old{n}", now=at(n), forget_before=at(n - 3600))

    store.record_failure("new", now=at(7200), forget_before=at(3600))

    assert session.exec(select(func.count()).select_from(AuthFailure)).one() == 1


def test_an_unreachable_redis_is_a_503() -> None:
    # Nothing listens on port 1: the limiter cannot count, so the login is not let through.
    store = RedisStore(redis_client("redis://127.0.0.1:1/0"), prefix="x:", window_seconds=60)

    with pytest.raises(LimiterUnavailable):
        store.read(["a"])
    with pytest.raises(LimiterUnavailable):
        store.record_failure("a", now=T0, forget_before=at(-60))


def test_each_kind_of_key_is_counted_apart_and_a_machine_client_locks_like_an_account(
    session: Session,
) -> None:
    throttle = Throttle(SqlStore(session), get_settings(), clock=lambda: T0)
    same = "203.0.113.9"
    limits = [
        throttle.account(same),
        throttle.login_client(same),
        throttle.refresh_client(same),
        throttle.machine_client(same),
    ]

    assert len({limit.key for limit in limits}) == 4
    assert throttle.machine_client(same).policy == throttle.account(same).policy
    assert throttle.machine_client(same).policy.lock_after == get_settings().login_lock_after
