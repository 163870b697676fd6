"""The login limiter: failed attempts counted per account and per client address, in a store
every worker and instance shares (the database, or Redis when `REDIS_URL` is set).

After `backoff_after` failures under a key, each attempt waits: 1 s, then twice as long after
each new failure, up to a maximum; an account is locked after `lock_after` failures for
`lock_seconds` (a network_admin can lift it). A refused attempt is answered 429 before any
password is checked, and is not counted. Failures older than the window are forgotten.

Unknown accounts are counted like known ones (the key is the e-mail, not the user), so the
answers do not tell them apart.

Between the check and the count of a failure the password is verified: attempts on one key
that arrive together are all checked before any is counted. Their number is bounded by the
hashing slots (api.auth.passwords), a few per worker.
"""

import hashlib
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Annotated, Protocol

import redis
from fastapi import Depends, Request
from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from api.auth.models import AuthFailure
from api.config import Settings, SettingsDep
from api.core.clock import utcnow
from api.core.problems import ServiceUnavailable, TooManyRequests
from api.db import SessionDep

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class AttemptsThrottled(TooManyRequests):
    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"Too many failed attempts: wait {seconds} s before trying again.",
            retry_after_seconds=seconds,
        )


class AccountLocked(TooManyRequests):
    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"Too many failed logins: the account is locked for {seconds} s, "
            "or until a network_admin lifts the lock.",
            retry_after_seconds=seconds,
        )


class LimiterUnavailable(ServiceUnavailable):
    default_detail = "The login limiter's store cannot be reached; try again shortly."


@dataclass(frozen=True)
class Tally:
    failures: int
    last_failure_at: datetime


@dataclass(frozen=True)
class Policy:
    backoff_after: int
    backoff_max_seconds: int
    window_seconds: int
    lock_after: int | None = None
    lock_seconds: int = 0

    def refusal(self, tally: Tally | None, now: datetime) -> TooManyRequests | None:
        """Why an attempt now is refused, or None when it may go ahead."""
        if tally is None or tally.last_failure_at <= now - timedelta(seconds=self.window_seconds):
            return None
        refusal: Callable[[int], TooManyRequests]
        if self.lock_after is not None and tally.failures >= self.lock_after:
            wait, refusal = self.lock_seconds, AccountLocked
        elif tally.failures >= self.backoff_after:
            doublings = min(tally.failures - self.backoff_after, 30)  # 2**30 s is past any cap
            wait, refusal = min(2**doublings, self.backoff_max_seconds), AttemptsThrottled
        else:
            return None
        left = (tally.last_failure_at + timedelta(seconds=wait) - now).total_seconds()
        return refusal(math.ceil(left)) if left > 0 else None


@dataclass(frozen=True)
class Limit:
    """A key of the store and the policy it is held to."""

    key: str
    policy: Policy


class Store(Protocol):
    def read(self, keys: Sequence[str]) -> dict[str, Tally]: ...

    def record_failure(self, key: str, *, now: datetime, forget_before: datetime) -> Tally: ...

    def clear(self, keys: Sequence[str]) -> None: ...


class SqlStore:
    """Counters in the request's own transaction: a refusal that must count a failure is
    raised with `keep_changes`, so the count is committed with it."""

    # At most this many forgotten rows deleted per failure, so no request does much cleaning.
    PURGE_BATCH = 100

    def __init__(self, session: Session) -> None:
        self.session = session

    def read(self, keys: Sequence[str]) -> dict[str, Tally]:
        rows = self.session.execute(
            select(
                col(AuthFailure.key), col(AuthFailure.failures), col(AuthFailure.last_failure_at)
            ).where(col(AuthFailure.key).in_(keys))
        ).all()
        return {key: Tally(failures, last) for key, failures, last in rows}

    def record_failure(self, key: str, *, now: datetime, forget_before: datetime) -> Tally:
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        new = insert(AuthFailure).values(key=key, failures=1, last_failure_at=now)
        statement = new.on_conflict_do_update(
            index_elements=[col(AuthFailure.key)],
            set_={
                "failures": case(
                    (col(AuthFailure.last_failure_at) <= forget_before, 1),
                    else_=col(AuthFailure.failures) + 1,
                ),
                "last_failure_at": new.excluded.last_failure_at,
            },
        ).returning(col(AuthFailure.failures), col(AuthFailure.last_failure_at))
        failures, last = self.session.execute(statement).one()
        self._purge(forget_before)
        return Tally(failures, last)

    def _purge(self, forget_before: datetime) -> None:
        # Rows a concurrent request holds are skipped (PostgreSQL), so purges never wait on,
        # nor deadlock with, the counting of a failure.
        stale = (
            select(col(AuthFailure.key))
            .where(col(AuthFailure.last_failure_at) <= forget_before)
            .limit(self.PURGE_BATCH)
            .with_for_update(skip_locked=True)
        )
        self.session.execute(
            delete(AuthFailure).where(col(AuthFailure.key).in_(stale)),
            execution_options={"synchronize_session": False},
        )

    def clear(self, keys: Sequence[str]) -> None:
        self.session.execute(
            delete(AuthFailure).where(col(AuthFailure.key).in_(keys)),
            execution_options={"synchronize_session": False},
        )


# Counts one failure atomically: the window's reset, the increment and the key's expiry.
_RECORD_FAILURE = """
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if last <= tonumber(ARGV[2]) then failures = 0 end
failures = failures + 1
redis.call('HSET', KEYS[1], 'failures', failures, 'last', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return failures
"""


class RedisStore:
    """Counters in Redis (a hash per key, expiring with the window): written at once, outside
    the request's transaction."""

    def __init__(self, client: "redis.Redis", *, prefix: str, window_seconds: int) -> None:
        self.client = client
        self.prefix = prefix
        self.window_seconds = window_seconds
        self._record = client.register_script(_RECORD_FAILURE)

    def read(self, keys: Sequence[str]) -> dict[str, Tally]:
        try:
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.hmget(self.prefix + key, ["failures", "last"])
            answers = pipe.execute()
        except redis.RedisError as error:
            raise LimiterUnavailable() from error
        return {
            key: Tally(int(failures), datetime.fromtimestamp(float(last), UTC))
            for key, (failures, last) in zip(keys, answers, strict=True)
            if failures is not None and last is not None
        }

    def record_failure(self, key: str, *, now: datetime, forget_before: datetime) -> Tally:
        args: list[str | int] = [
            repr(now.timestamp()),
            repr(forget_before.timestamp()),
            self.window_seconds,
        ]
        try:
            failures = self._record(keys=[self.prefix + key], args=args)
        except redis.RedisError as error:
            raise LimiterUnavailable() from error
        return Tally(int(failures), now)

    def clear(self, keys: Sequence[str]) -> None:
        try:
            self.client.delete(*(self.prefix + key for key in keys))
        except redis.RedisError as error:
            raise LimiterUnavailable() from error


@lru_cache
def redis_client(url: str) -> "redis.Redis":
    # One connection pool per process; short timeouts: a login must not hang on the limiter.
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _key(scope: str, value: str) -> str:
    return hashlib.sha256(f"{scope}\0{value}".encode()).hexdigest()


class Throttle:
    """The limits of logins and refreshes, over one store, at the time `clock` says."""

    def __init__(self, store: Store, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.store = store
        self.clock = clock
        window = settings.login_failure_window_seconds
        backoff_max = settings.login_backoff_max_seconds
        self._account = Policy(
            backoff_after=settings.login_backoff_after,
            backoff_max_seconds=backoff_max,
            window_seconds=window,
            lock_after=settings.login_lock_after,
            lock_seconds=settings.login_lock_seconds,
        )
        self._client = Policy(
            backoff_after=settings.client_backoff_after,
            backoff_max_seconds=backoff_max,
            window_seconds=window,
        )

    def account(self, email: str) -> Limit:
        """An account's logins, by its normalised e-mail, whether the account exists or not."""
        return Limit(_key("account", email), self._account)

    def login_client(self, address: str) -> Limit:
        return Limit(_key("login-client", address), self._client)

    def refresh_client(self, address: str) -> Limit:
        return Limit(_key("refresh-client", address), self._client)

    def machine_client(self, client_id: str) -> Limit:
        """A machine client's token requests (client credentials), by its id: held to an
        account's policy, lock included."""
        return Limit(_key("machine-client", client_id), self._account)

    def check(self, *limits: Limit) -> None:
        """Raise the longest refusal among `limits` (a 429 with `Retry-After`), if any."""
        now = self.clock()
        tallies = self.store.read([limit.key for limit in limits])
        refusals = [
            refusal
            for limit in limits
            if (refusal := limit.policy.refusal(tallies.get(limit.key), now)) is not None
        ]
        if refusals:
            raise max(refusals, key=lambda refusal: refusal.retry_after_seconds)

    def failed(self, *limits: Limit) -> None:
        now = self.clock()
        for limit in limits:
            forget_before = now - timedelta(seconds=limit.policy.window_seconds)
            tally = self.store.record_failure(limit.key, now=now, forget_before=forget_before)
            if tally.failures == limit.policy.lock_after:
                log.warning("throttle: an account is locked after %d failures", tally.failures)

    def forget(self, *limits: Limit) -> None:
        """A success (or a network_admin) clears the failures: the back-off and the lock."""
        self.store.clear([limit.key for limit in limits])


async def get_clock() -> Clock:
    """What time the limiter reads (a dependency, so tests can move it)."""
    return utcnow


def get_throttle(
    session: SessionDep, settings: SettingsDep, clock: Annotated[Clock, Depends(get_clock)]
) -> Throttle:
    store: Store
    if settings.redis_url:
        store = RedisStore(
            redis_client(settings.redis_url),
            prefix=settings.redis_key_prefix + "throttle:",
            window_seconds=settings.login_failure_window_seconds,
        )
    else:
        store = SqlStore(session)
    return Throttle(store, settings, clock=clock)


ThrottleDep = Annotated[Throttle, Depends(get_throttle)]


async def client_address(request: Request, settings: SettingsDep) -> str:
    """The caller's address: the one the trusted proxy appended last to `X-Forwarded-For`
    (what came before it, the client may have written), else the connection's peer."""
    if settings.trusted_proxy and (forwarded := request.headers.get("x-forwarded-for")):
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]
