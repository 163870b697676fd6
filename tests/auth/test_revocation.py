"""Revocation is immediate: deactivating a user, a new password or a change of their grants
ends their sessions at once, access tokens included (not when they expire, 15 minutes on)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth.models import RoleGrant, User
from api.auth.permissions import Role
from api.core.clock import utcnow
from tests.assertions import assert_problem
from tests.factories import PASSWORD, auth, editing, make_committee, make_user

ME_URL = "/api/v1/me"
USERS_URL = "/api/v1/users"
NEW_PASSWORD = "a brand new passphrase"


def earlier(user: User) -> dict[str, str]:
    """A bearer header whose token was issued a second ago: `iat` counts whole seconds, and a
    token of the same second as the change is kept (the documented rule)."""
    return auth(user, issued_at=utcnow() - timedelta(seconds=1))


def login(client: TestClient, user: User, password: str = PASSWORD) -> dict[str, Any]:
    response = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": password}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def refresh(client: TestClient, refresh_token: str) -> Any:
    return client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


def assert_token_refused(response: Any, code: str = "access_token_revoked") -> None:
    assert_problem(response, 401, "unauthorized", code=code)
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def assert_refresh_refused(response: Any) -> None:
    assert_problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_grant"'


def grant_of(session: Session, user: User) -> RoleGrant:
    return session.exec(select(RoleGrant).where(col(RoleGrant.user_id) == user.id)).one()


# Each event, done by a network_admin; it answers what must succeed.
Event = Callable[[TestClient, Session, dict[str, str], User], Any]


def _password_reset(client: TestClient, _s: Session, admin: dict[str, str], user: User) -> Any:
    url = f"{USERS_URL}/{user.id}"
    return client.patch(url, json={"password": NEW_PASSWORD}, headers=editing(client, url, admin))


def _grant_added(client: TestClient, session: Session, admin: dict[str, str], user: User) -> Any:
    body = {"role": "committee_admin", "committee_id": str(make_committee(session).id)}
    return client.post(f"{USERS_URL}/{user.id}/grants", json=body, headers=admin)


def _grant_removed(client: TestClient, session: Session, admin: dict[str, str], user: User) -> Any:
    grant = grant_of(session, user)
    return client.delete(f"{USERS_URL}/{user.id}/grants/{grant.id}", headers=admin)


def _deactivated_then_reactivated(
    client: TestClient, _s: Session, admin: dict[str, str], user: User
) -> Any:
    """Reactivating does not bring back the tokens the deactivation ended."""
    url = f"{USERS_URL}/{user.id}"
    off = client.patch(url, json={"is_active": False}, headers=editing(client, url, admin))
    assert off.status_code == 200, off.text
    return client.patch(url, json={"is_active": True}, headers=editing(client, url, admin))


EVENTS = {
    "password reset by an admin": _password_reset,
    "grant added": _grant_added,
    "grant removed": _grant_removed,
    "deactivated (then reactivated)": _deactivated_then_reactivated,
}


@pytest.mark.parametrize("event", EVENTS.values(), ids=EVENTS.keys())
def test_an_event_refuses_the_tokens_issued_before_it_at_once(
    client: TestClient, session: Session, admin_headers: dict[str, str], event: Event
) -> None:
    user = make_user(session, role=Role.member, committee=make_committee(session))
    before = earlier(user)
    refresh_token = login(client, user)["refresh_token"]
    bystander = make_user(session)
    bystanders_token = earlier(bystander)
    assert client.get(ME_URL, headers=before).status_code == 200

    response = event(client, session, admin_headers, user)

    assert response.status_code in (200, 201, 204), response.text
    assert_token_refused(client.get(ME_URL, headers=before))
    assert_refresh_refused(refresh(client, refresh_token))
    after = client.get(ME_URL, headers=auth(user))
    assert after.status_code == 200, after.text
    assert client.get(ME_URL, headers=bystanders_token).status_code == 200


def test_deactivating_refuses_tokens_issued_after_too(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    user = make_user(session)

    client.patch(
        f"{USERS_URL}/{user.id}",
        json={"is_active": False},
        headers=editing(client, f"{USERS_URL}/{user.id}", admin_headers),
    )

    assert_token_refused(client.get(ME_URL, headers=auth(user)), code="unauthorized")


def test_changing_ones_own_password_ends_ones_other_sessions(
    client: TestClient, session: Session
) -> None:
    """The password change of an admin's own login (PATCH of their user: there is no other
    way to change a password): the request's token is checked before the change and answers."""
    admin = make_user(session, role=Role.network_admin)
    before = earlier(admin)
    refresh_token = login(client, admin)["refresh_token"]

    response = client.patch(
        f"{USERS_URL}/{admin.id}",
        json={"password": NEW_PASSWORD},
        headers=editing(client, f"{USERS_URL}/{admin.id}", before),
    )

    assert response.status_code == 200, response.text
    assert_token_refused(client.get(ME_URL, headers=before))
    assert_refresh_refused(refresh(client, refresh_token))
    again = login(client, admin, NEW_PASSWORD)
    me = client.get(ME_URL, headers={"Authorization": f"Bearer {again['access_token']}"})
    assert me.status_code == 200, me.text
    assert refresh(client, again["refresh_token"]).status_code == 200


def test_a_token_of_the_second_of_the_change_is_kept_and_one_of_the_second_before_is_not(
    client: TestClient, session: Session
) -> None:
    """`iat` is in whole seconds: the stored time is truncated to its second, and a token is
    refused when issued in an earlier second."""
    user = make_user(session)
    user.tokens_valid_after = utcnow().replace(microsecond=0) - timedelta(seconds=30)
    session.add(user)
    session.flush()
    cutoff = user.tokens_valid_after

    same_second = auth(user, issued_at=cutoff + timedelta(microseconds=999_999))
    second_before = auth(user, issued_at=cutoff - timedelta(microseconds=1))

    assert client.get(ME_URL, headers=same_second).status_code == 200
    assert_token_refused(client.get(ME_URL, headers=second_before))


def test_a_refresh_token_issued_before_the_cutoff_is_refused_even_if_not_revoked(
    client: TestClient, session: Session
) -> None:
    """A rotation racing the revocation may have issued a refresh token the revocation did not
    see: its time still refuses it."""
    user = make_user(session)
    refresh_token = login(client, user)["refresh_token"]
    user.tokens_valid_after = utcnow().replace(microsecond=0) + timedelta(seconds=1)
    session.add(user)
    session.flush()

    assert_refresh_refused(refresh(client, refresh_token))
