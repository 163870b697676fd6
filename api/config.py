"""Settings read from the environment (and an optional `.env` file)."""

import math
from collections import Counter
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends
from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEV_SIGNING_KEY = "dev-only-signing-key-change-me-0123456789abcdef"
# What a signing key must be worth in production, by `key_entropy_bits`'s estimate.
MIN_KEY_BITS = 128


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'ancrage.db'}"
    database_echo: bool = False
    # Above the worker's concurrency (AnyIO's 40 threads): a connection closed on return to a
    # full pool is a new PostgreSQL backend forked on the next request.
    database_pool_size: int = Field(default=40, ge=1, le=200)
    # As many again for sync reads (their own read-only pool). PostgreSQL's reads on the event
    # loop hold a connection for one statement at a time, so they need fewer. A worker opens at
    # most 2 * (pool + 10) + (read pool + 10) connections (`connections_per_worker`).
    database_read_pool_size: int = Field(default=20, ge=1, le=200)
    # How long a write waits for a lock (SQLite's one writer, a PostgreSQL row or table) before
    # the request gives up with a 503 and `Retry-After`.
    database_lock_timeout_ms: int = Field(default=5000, ge=1, le=600_000)

    # The first key signs; every key verifies, so keys can be rotated without logging people out.
    signing_keys: list[str] = Field(default_factory=lambda: [DEV_SIGNING_KEY])
    jwt_issuer: str = "ancrage"
    jwt_audience: str = "ancrage-api"
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=86_400)
    refresh_token_ttl_seconds: int = Field(default=30 * 86_400, ge=3_600)

    # Shared counters of the login limiter (api.auth.throttle): in Redis when set, else in the
    # database. Keys start with the prefix, so several apps can share one Redis.
    redis_url: str | None = None
    redis_key_prefix: str = "ancrage:"
    # Failed logins of one account (known or not) before each attempt waits: 1 s, then twice as
    # long after each new failure, up to the maximum; after `login_lock_after` failures the
    # account is locked for `login_lock_seconds` (a network_admin can lift it). Failures older
    # than the window are forgotten; a successful login forgets the account's.
    login_backoff_after: int = Field(default=5, ge=1, le=1000)
    login_backoff_max_seconds: int = Field(default=300, ge=1, le=86_400)
    login_lock_after: int = Field(default=20, ge=2, le=10_000)
    login_lock_seconds: int = Field(default=900, ge=1, le=86_400)
    login_failure_window_seconds: int = Field(default=3600, ge=60, le=7 * 86_400)
    # The same back-off (no lock) for failures from one client address, logins and refreshes
    # counted apart: higher, since an office or a proxy may carry many people.
    client_backoff_after: int = Field(default=30, ge=1, le=100_000)
    # argon2 takes 64 MiB per hash or check: at most this many at once per process, waiting
    # up to `password_hash_wait_ms` for a slot before a 503 (memory stays flat under a flood).
    password_hash_concurrency: int = Field(default=2, ge=1, le=64)
    password_hash_wait_ms: int = Field(default=2000, ge=1, le=60_000)

    # A request body over this is refused with a 413 before it is read whole.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)

    cors_origins: list[str] = Field(default_factory=list)
    # Behind a reverse proxy that sets `X-Request-ID` (and drops any a client sent): the app
    # keeps the proxy's id, so their logs match. Otherwise a client could choose its id.
    trusted_proxy: bool = False
    # Only from these addresses are `X-Forwarded-For` and `-Proto` believed (`ancrage serve`,
    # when `trusted_proxy` is on): the client's address and https come from the proxy's headers.
    trusted_proxy_ips: list[str] = Field(default_factory=lambda: ["127.0.0.1"])

    # `ancrage serve`: worker processes (None: one per CPU core), and how long a SIGTERM waits
    # for the requests in flight before the worker stops anyway.
    web_workers: int | None = Field(default=None, ge=1, le=64)
    graceful_shutdown_seconds: int = Field(default=20, ge=1, le=600)

    # Webhooks (api/webhooks): a delivery's attempts before it is marked failed (the waits
    # between them double, with jitter: api.webhooks.deliveries); and, for development only, a
    # receiver on this machine: http:// and loopback targets accepted (production refuses it).
    webhooks_max_attempts: int = Field(default=12, ge=1, le=30)
    webhooks_allow_local: bool = False

    frontend_dist: Path = ROOT / "frontend" / "dist"
    # Swagger UI at /docs: on by default, except in production (None: follow the environment).
    docs_enabled: bool | None = None

    @model_validator(mode="after")
    def _throttle_consistent(self) -> "Settings":
        if self.login_lock_after <= self.login_backoff_after:
            raise ValueError("LOGIN_LOCK_AFTER must be above LOGIN_BACKOFF_AFTER")
        # A lock or a wait outlives the failures it counts only if the window covers it.
        longest = max(self.login_lock_seconds, self.login_backoff_max_seconds)
        if self.login_failure_window_seconds < longest:
            raise ValueError(
                "LOGIN_FAILURE_WINDOW_SECONDS must cover LOGIN_LOCK_SECONDS and "
                "LOGIN_BACKOFF_MAX_SECONDS"
            )
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production" and (problems := self.production_problems()):
            raise ValueError("; ".join(problems))
        return self

    def production_problems(self) -> list[str]:
        """What production refuses to start with, one line per setting."""
        problems = []
        if not self.signing_keys or DEV_SIGNING_KEY in self.signing_keys:
            problems.append("SIGNING_KEYS must be set to a secret key in production")
        elif any(len(key) < 32 for key in self.signing_keys):
            problems.append("SIGNING_KEYS: each signing key must be at least 32 characters long")
        elif any(key_entropy_bits(key) < MIN_KEY_BITS for key in self.signing_keys):
            problems.append(
                f"SIGNING_KEYS: a signing key is too predictable (under {MIN_KEY_BITS} bits "
                "estimated); generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`"
            )
        if unsafe := [origin for origin in self.cors_origins if not _is_https_origin(origin)]:
            problems.append(
                f"CORS_ORIGINS: {', '.join(map(repr, unsafe))} refused in production: "
                "list each origin as https://host[:port], no wildcard, no http:"
            )
        if self.is_sqlite:
            problems.append("DATABASE_URL: production runs on PostgreSQL, not SQLite")
        if self.webhooks_allow_local:
            problems.append(
                "WEBHOOKS_ALLOW_LOCAL: development only (webhooks to http:// and loopback)"
            )
        return problems

    @property
    def serves_docs(self) -> bool:
        if self.docs_enabled is None:
            return self.environment != "production"
        return self.docs_enabled

    def connections_per_worker(self) -> int:
        """The most PostgreSQL connections one worker opens: the write and the sync read-only
        pools (`database_pool_size` each) and the async read pool (`database_read_pool_size`),
        each with 10 overflow connections."""
        return 2 * (self.database_pool_size + 10) + self.database_read_pool_size + 10

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def key_entropy_bits(key: str) -> float:
    """A conservative estimate of a key's entropy: the Shannon entropy of its characters (so a
    small alphabet or a repeated character counts for little) times the number of characters
    that do not merely repeat or continue the one before (`aaaa`, `abcd`, `4321`)."""
    if not key:
        return 0.0
    counts = Counter(key)
    per_character = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    unpredictable = 1 + sum(
        abs(ord(current) - ord(previous)) > 1 for previous, current in pairwise(key)
    )
    return per_character * unpredictable


def _is_https_origin(origin: str) -> bool:
    scheme, _, host = origin.partition("://")
    return scheme == "https" and bool(host) and not any(c in host for c in "*/?#@ ")


def settings_error(error: ValidationError) -> str:
    """A settings error on one line, each problem naming its setting (as its variable)."""
    parts = []
    for problem in error.errors():
        message = str(problem["msg"]).removeprefix("Value error, ")
        where = ".".join(map(str, problem["loc"])).upper()
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


@lru_cache
def get_settings() -> Settings:
    return Settings()


async def _settings() -> Settings:
    return get_settings()


SettingsDep = Annotated[Settings, Depends(_settings)]
