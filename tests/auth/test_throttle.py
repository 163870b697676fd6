"""Logins and refreshes are throttled: what a client sees, on either store of the limiter.

Measured before the limiter: 200 wrong passwords in a row for one account were 200 × 401 in
30 s, no `Retry-After`, and then the right password worked."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth import service
from api.auth.permissions import Role
from api.config import get_settings
from api.main import create_app
from tests.assertions import assert_problem
from tests.auth.conftest import FakeClock
from tests.factories import PASSWORD, auth, make_user

TOKEN_URL = "/api/v1/auth/token"
REFRESH_URL = "/api/v1/auth/refresh"
WRONG = "not the password"

pytestmark = pytest.mark.usefixtures("store")


def login(client: TestClient, username: str, password: str = PASSWORD, **headers: str) -> Any:
    return client.post(
        TOKEN_URL,
        data={"grant_type": "password", "username": username, "password": password},
        headers=headers,
    )


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The password hashes checked (None: an unknown user's), in order."""
    seen: list[str | None] = []
    real = service.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        seen.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(service, "verify_password", counting)
    return seen


def settle(clock: FakeClock, response: Any) -> None:
    """Wait, on the test's clock, as long as the refusal says."""
    clock.advance(int(response.headers["Retry-After"]))


def test_200_wrong_passwords_are_5_refusals_then_429s_and_the_right_one_waits_too(
    client: TestClient, session: Session, clock: FakeClock, checks: list[str | None]
) -> None:
    user = make_user(session)

    statuses = [login(client, user.email, WRONG).status_code for _ in range(200)]

    assert statuses == [401] * 5 + [429] * 195
    assert len(checks) == 5  # a refused attempt costs no argon2 check
    refused = login(client, user.email)
    body = assert_problem(refused, 429, "too-many-requests", code="attempts_throttled")
    assert refused.headers["Retry-After"] == "1"
    assert "1 s" in body["detail"]
    assert len(checks) == 5

    settle(clock, refused)
    assert login(client, user.email).status_code == 200


def test_the_wait_doubles_with_each_failure_up_to_the_lock_which_refuses_the_right_password(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = get_settings()
    monkeypatch.setattr(settings, "login_backoff_max_seconds", 8)
    user = make_user(session)
    for _ in range(settings.login_backoff_after):
        assert login(client, user.email, WRONG).status_code == 401

    waits = []
    for _ in range(settings.login_lock_after - settings.login_backoff_after):
        refused = login(client, user.email, WRONG)
        assert_problem(refused, 429, code="attempts_throttled")
        waits.append(int(refused.headers["Retry-After"]))
        settle(clock, refused)
        assert login(client, user.email, WRONG).status_code == 401

    assert waits[:5] == [1, 2, 4, 8, 8]
    assert set(waits[3:]) == {8}
    locked = login(client, user.email)
    assert_problem(locked, 429, code="account_locked")
    assert locked.headers["Retry-After"] == str(settings.login_lock_seconds)
    clock.advance(settings.login_lock_seconds - 1)
    assert_problem(login(client, user.email), 429, code="account_locked")
    assert login(client, user.email).headers["Retry-After"] == "1"
    clock.advance(1)
    assert login(client, user.email).status_code == 200
    # The success forgot every failure: the next wrong password is a plain 401 again.
    assert login(client, user.email, WRONG).status_code == 401


def test_a_success_forgets_the_accounts_failures(
    client: TestClient, session: Session, clock: FakeClock
) -> None:
    user = make_user(session)
    free = get_settings().login_backoff_after
    for _ in range(free - 1):
        assert login(client, user.email, WRONG).status_code == 401
    assert login(client, user.email).status_code == 200

    assert [login(client, user.email, WRONG).status_code for _ in range(free)] == [401] * free


def test_failures_older_than_the_window_are_forgotten(
    client: TestClient, session: Session, clock: FakeClock
) -> None:
    user = make_user(session)
    settings = get_settings()
    for _ in range(settings.login_backoff_after):
        login(client, user.email, WRONG)
    assert login(client, user.email, WRONG).status_code == 429

    clock.advance(settings.login_failure_window_seconds)

    assert login(client, user.email, WRONG).status_code == 401
    free = settings.login_backoff_after - 1  # the one just counted started a new tally
    assert [login(client, user.email, WRONG).status_code for _ in range(free)] == [401] * free
    assert login(client, user.email, WRONG).status_code == 429


def test_an_unknown_account_is_answered_as_a_wrong_password_after_the_same_check(
    client: TestClient, session: Session, clock: FakeClock, checks: list[str | None]
) -> None:
    user = make_user(session)
    inactive = make_user(session, is_active=False)

    answers = [
        login(client, user.email, WRONG),
        login(client, "nobody@example.org", WRONG),
        login(client, inactive.email),
    ]

    for answer in answers:
        assert_problem(answer, 401, code="invalid_credentials")
    assert len({answer.text for answer in answers}) == 1
    assert len({answer.headers["WWW-Authenticate"] for answer in answers}) == 1
    # The unknown account's password is checked too (against a dummy hash): the same time.
    assert checks == [user.password_hash, None, inactive.password_hash]
    # And it is throttled the same way.
    for _ in range(get_settings().login_backoff_after - 1):
        login(client, "nobody@example.org", WRONG)
    assert_problem(login(client, "nobody@example.org"), 429, code="attempts_throttled")


def test_the_account_is_the_normalised_email(
    client: TestClient, session: Session, clock: FakeClock
) -> None:
    user = make_user(session, email="someone@example.org")
    for n in range(get_settings().login_backoff_after):
        spelling = "  SomeOne@Example.org " if n % 2 else "someone@example.org"
        assert login(client, spelling, WRONG).status_code == 401

    assert login(client, user.email).status_code == 429


def test_one_client_address_is_throttled_across_accounts(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "client_backoff_after", 3)
    user = make_user(session)
    for n in range(3):
        assert login(client, f"guess{n}@example.org", WRONG).status_code == 401

    refused = login(client, user.email)
    assert_problem(refused, 429, code="attempts_throttled")
    assert refused.headers["Retry-After"] == "1"
    # The client's failures are not forgotten by a success: settle, succeed, still counted.
    settle(clock, refused)
    assert login(client, user.email).status_code == 200
    assert login(client, "guess9@example.org", WRONG).status_code == 401
    assert login(client, user.email).headers["Retry-After"] == "2"


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "client_backoff_after", 2)
    user = make_user(session)
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    # Not trusted: the header is the client's own words, ignored.
    for n in range(2):
        login(client, f"guess{n}@example.org", WRONG, **spoofed)
    assert login(client, user.email, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 429

    monkeypatch.setattr(get_settings(), "trusted_proxy", True)
    # Trusted: the last address is the proxy's word; what the client prepended is not.
    assert login(client, user.email, **{"X-Forwarded-For": "203.0.113.9"}).status_code == 200
    for n in range(2):
        login(client, f"guess{n}@example.org", WRONG, **{"X-Forwarded-For": "203.0.113.9"})
    forged = {"X-Forwarded-For": "192.0.2.1, 203.0.113.9"}
    assert login(client, user.email, **forged).status_code == 429
    assert login(client, user.email, **{"X-Forwarded-For": "192.0.2.1"}).status_code == 200


def test_counters_are_shared_by_two_instances_of_the_app(
    client: TestClient, session: Session, clock: FakeClock
) -> None:
    other_app = create_app()
    clock.serve(other_app)
    user = make_user(session)
    free = get_settings().login_backoff_after
    with TestClient(other_app, raise_server_exceptions=False) as other:
        for n in range(free):
            assert login(client if n % 2 else other, user.email, WRONG).status_code == 401

        assert login(other, user.email).status_code == 429
        assert login(client, user.email).status_code == 429


def test_a_network_admin_lifts_the_lock(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "login_backoff_after", 1)
    monkeypatch.setattr(get_settings(), "login_lock_after", 2)
    user = make_user(session, email="locked.out@example.org")
    admin = make_user(session, role=Role.network_admin)
    for _ in range(2):
        login(client, user.email, WRONG)
        clock.advance(60)
    assert_problem(login(client, user.email), 429, code="account_locked")

    lifted = client.post(f"/api/v1/users/{user.id}/unlock", headers=auth(admin))

    assert lifted.status_code == 204, lifted.text
    assert login(client, user.email).status_code == 200


def test_only_a_network_admin_lifts_a_lock_and_the_user_must_exist(
    client: TestClient, session: Session, clock: FakeClock
) -> None:
    user = make_user(session)
    admin = make_user(session, role=Role.network_admin)
    for _ in range(get_settings().login_backoff_after):
        login(client, user.email, WRONG)

    refused = client.post(f"/api/v1/users/{user.id}/unlock", headers=auth(user))
    missing = client.post(f"/api/v1/users/{uuid.uuid4()}/unlock", headers=auth(admin))

    assert_problem(refused, 403)
    assert_problem(missing, 404)
    assert login(client, user.email).status_code == 429


def _refresh(client: TestClient, token: str) -> Any:
    return client.post(REFRESH_URL, json={"refresh_token": token})


def test_refreshes_are_throttled_per_client_address(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "client_backoff_after", 3)
    user = make_user(session)
    good = login(client, user.email).json()["refresh_token"]
    for n in range(3):
        assert_problem(_refresh(client, f"guessed-token-{n}"), 401)

    refused = _refresh(client, good)
    assert_problem(refused, 429, code="attempts_throttled")
    assert refused.headers["Retry-After"] == "1"
    settle(clock, refused)
    assert _refresh(client, good).status_code == 200
    # A reused token counts as a failure too (and still revokes its family).
    assert_problem(_refresh(client, good), 401)
    assert_problem(_refresh(client, good), 429)


def test_logins_and_refreshes_of_one_client_are_counted_apart(
    client: TestClient, session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "client_backoff_after", 2)
    user = make_user(session)
    for n in range(2):
        _refresh(client, f"guessed-token-{n}")

    assert login(client, user.email).status_code == 200
