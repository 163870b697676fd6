"""Settings read from the environment (and an optional `.env` file)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEV_SIGNING_KEY = "dev-only-signing-key-change-me-0123456789abcdef"


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
    # most 2 * (pool + 10) + (read pool + 10) connections.
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

    cors_origins: list[str] = Field(default_factory=list)
    # Behind a reverse proxy that sets `X-Request-ID` (and drops any a client sent): the app
    # keeps the proxy's id, so their logs match. Otherwise a client could choose its id.
    trusted_proxy: bool = False
    frontend_dist: Path = ROOT / "frontend" / "dist"

    @model_validator(mode="after")
    def _refuse_weak_keys_in_production(self) -> "Settings":
        if self.environment == "production":
            if not self.signing_keys or DEV_SIGNING_KEY in self.signing_keys:
                raise ValueError("SIGNING_KEYS must be set to a secret key in production")
            if any(len(key) < 32 for key in self.signing_keys):
                raise ValueError("each signing key must be at least 32 characters long")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


async def _settings() -> Settings:
    return get_settings()


SettingsDep = Annotated[Settings, Depends(_settings)]
