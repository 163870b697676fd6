import pytest
from pydantic import ValidationError

from api.config import DEV_SIGNING_KEY, Settings

STRONG = "k" * 48


@pytest.mark.parametrize("keys", [[], [DEV_SIGNING_KEY], [STRONG, DEV_SIGNING_KEY], ["short"]])
def test_production_refuses_missing_default_or_weak_signing_keys(keys: list[str]) -> None:
    with pytest.raises(ValidationError, match=r"signing key|SIGNING_KEYS"):
        Settings(environment="production", signing_keys=keys)


def test_production_starts_with_a_real_key_and_development_with_the_default() -> None:
    assert Settings(environment="production", signing_keys=[STRONG]).signing_keys == [STRONG]
    assert Settings(environment="development").signing_keys == [DEV_SIGNING_KEY]


def test_signing_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNING_KEYS", f'["{STRONG}", "{"o" * 40}"]')
    monkeypatch.setenv("ENVIRONMENT", "production")

    assert Settings().signing_keys == [STRONG, "o" * 40]
