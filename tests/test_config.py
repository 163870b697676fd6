import secrets

import pytest
from pydantic import ValidationError

from api.config import DEV_SIGNING_KEY, MIN_KEY_BITS, Settings, key_entropy_bits, settings_error

STRONG = "Zq3vN8kT1wXy5pR7mB2cL9dF4gH6jK0sV_aE-uIoW"  # 41 random-looking characters
POSTGRES = "postgresql+psycopg://ancrage@db.example.org:5432/ancrage"
# Everything production needs: each case below spoils one setting.
SAFE = {"signing_keys": [STRONG], "database_url": POSTGRES}

UNSAFE = [
    pytest.param({"signing_keys": []}, "SIGNING_KEYS", id="no-key"),
    pytest.param({"signing_keys": [DEV_SIGNING_KEY]}, "SIGNING_KEYS", id="dev-key"),
    pytest.param({"signing_keys": [STRONG, DEV_SIGNING_KEY]}, "SIGNING_KEYS", id="dev-key-2nd"),
    pytest.param({"signing_keys": ["short"]}, "SIGNING_KEYS", id="short-key"),
    pytest.param({"signing_keys": ["k" * 48]}, "SIGNING_KEYS", id="one-repeated-character"),
    pytest.param({"signing_keys": ["ab" * 24]}, "SIGNING_KEYS", id="two-characters"),
    pytest.param(
        {"signing_keys": ["abcdefghijklmnopqrstuvwxyz0123456789"]}, "SIGNING_KEYS", id="a-run"
    ),
    pytest.param({"signing_keys": ["Xy7#" * 10]}, "SIGNING_KEYS", id="a-repeated-block"),
    pytest.param({"cors_origins": ["*"]}, "CORS_ORIGINS", id="wildcard-origin"),
    pytest.param({"cors_origins": ["https://*.example.org"]}, "CORS_ORIGINS", id="wildcard-host"),
    pytest.param({"cors_origins": ["http://app.example.org"]}, "CORS_ORIGINS", id="http-origin"),
    pytest.param({"cors_origins": ["null"]}, "CORS_ORIGINS", id="null-origin"),
    pytest.param({"database_url": "sqlite:///var/ancrage.db"}, "DATABASE_URL", id="sqlite"),
]


@pytest.mark.parametrize(("spoiled", "setting"), UNSAFE)
def test_production_refuses_each_unsafe_setting_with_one_line_naming_it(
    spoiled: dict[str, object], setting: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(environment="production", **(SAFE | spoiled))

    line = settings_error(refused.value)
    assert setting in line
    assert "\n" not in line


@pytest.mark.parametrize(("spoiled", "setting"), UNSAFE)
def test_development_accepts_what_production_refuses(
    spoiled: dict[str, object], setting: str
) -> None:
    settings = Settings(environment="development", **(SAFE | spoiled))

    assert settings.production_problems()
    assert any(setting in problem for problem in settings.production_problems())


def test_production_starts_with_safe_settings_and_development_with_the_defaults() -> None:
    production = Settings(
        environment="production", cors_origins=["https://app.example.org"], **SAFE
    )
    assert production.signing_keys == [STRONG]
    assert production.cors_origins == ["https://app.example.org"]
    assert Settings(environment="development").signing_keys == [DEV_SIGNING_KEY]


def test_every_problem_is_on_the_one_line() -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(
            environment="production",
            signing_keys=["k" * 48],
            cors_origins=["*"],
            database_url="sqlite:///var/ancrage.db",
        )

    line = settings_error(refused.value)
    assert "\n" not in line
    assert all(name in line for name in ("SIGNING_KEYS", "CORS_ORIGINS", "DATABASE_URL"))


def test_generated_keys_pass_the_entropy_rule() -> None:
    # The README's recipe, and the shortest usual one, always pass (the estimate is conservative
    # on repeats, not on random keys).
    assert all(key_entropy_bits(secrets.token_urlsafe(48)) >= MIN_KEY_BITS for _ in range(200))
    assert all(key_entropy_bits(secrets.token_urlsafe(32)) >= MIN_KEY_BITS for _ in range(200))
    assert key_entropy_bits("") == 0


def test_signing_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    other = secrets.token_urlsafe(48)
    monkeypatch.setenv("SIGNING_KEYS", f'["{STRONG}", "{other}"]')
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", POSTGRES)

    assert Settings().signing_keys == [STRONG, other]


@pytest.mark.parametrize(
    ("environment", "docs_enabled", "served"),
    [
        ("development", None, True),
        ("test", None, True),
        ("production", None, False),
        ("production", True, True),
        ("development", False, False),
    ],
)
def test_docs_are_off_in_production_unless_enabled(
    environment: str, docs_enabled: bool | None, served: bool
) -> None:
    settings = Settings.model_validate(
        {"environment": environment, "docs_enabled": docs_enabled, **SAFE}
    )

    assert settings.serves_docs is served


@pytest.mark.parametrize(
    ("spoiled", "setting"),
    [
        pytest.param({"login_lock_after": 5}, "LOGIN_LOCK_AFTER", id="lock-before-backoff"),
        pytest.param(
            {"login_lock_seconds": 7200}, "LOGIN_FAILURE_WINDOW_SECONDS", id="lock-outlasts-window"
        ),
        pytest.param(
            {"login_failure_window_seconds": 120},
            "LOGIN_FAILURE_WINDOW_SECONDS",
            id="window-under-wait",
        ),
    ],
)
def test_throttle_settings_must_agree(spoiled: dict[str, object], setting: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(**spoiled)

    assert setting in settings_error(refused.value)
