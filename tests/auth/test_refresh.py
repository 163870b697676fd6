"""Refresh-token rotation: one use per token, and a reuse revokes the whole session."""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth.models import RefreshToken, User
from tests.assertions import assert_problem
from tests.factories import PASSWORD, make_user

TOKEN_URL = "/api/v1/auth/token"
REFRESH_URL = "/api/v1/auth/refresh"
ME_URL = "/api/v1/me"


def login(client: TestClient, user: User) -> dict[str, Any]:
    response = client.post(
        TOKEN_URL, data={"grant_type": "password", "username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def refresh(client: TestClient, refresh_token: str) -> Any:
    return client.post(REFRESH_URL, json={"refresh_token": refresh_token})


def stored(session: Session, refresh_token: str) -> RefreshToken:
    """The row of a refresh token (only its SHA-256 is kept), as the database has it now."""
    digest = hashlib.sha256(refresh_token.encode()).hexdigest()
    row = session.exec(select(RefreshToken).where(RefreshToken.token_hash == digest)).one()
    session.refresh(row)
    return row


def assert_refused(response: Any) -> None:
    assert_problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_grant"'


def test_token_answers_are_not_stored(client: TestClient, session: Session) -> None:
    user = make_user(session)
    issued = client.post(
        TOKEN_URL, data={"grant_type": "password", "username": user.email, "password": PASSWORD}
    )
    refreshed = refresh(client, issued.json()["refresh_token"])

    for response in (issued, refreshed):
        assert response.status_code == 200, response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Pragma"] == "no-cache"


def test_refresh_gives_a_new_pair_with_a_new_refresh_token(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)
    first = login(client, user)

    response = refresh(client, first["refresh_token"])

    assert response.status_code == 200, response.text
    second = response.json()
    assert second["token_type"] == "bearer"
    assert second["expires_in"] == 900
    assert second["refresh_token"] != first["refresh_token"]
    me = client.get(ME_URL, headers={"Authorization": f"Bearer {second['access_token']}"})
    assert me.status_code == 200, me.text
    old, new = stored(session, first["refresh_token"]), stored(session, second["refresh_token"])
    assert old.used_at is not None
    assert new.family_id == old.family_id
    assert new.used_at is None
    assert new.revoked_at is None


def test_a_reused_refresh_token_revokes_its_whole_family(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)
    first = login(client, user)
    second = refresh(client, first["refresh_token"]).json()
    other_session = login(client, user)  # another device: another family

    reuse = refresh(client, first["refresh_token"])
    after_reuse = refresh(client, second["refresh_token"])

    assert_refused(reuse)
    assert "revoked" in reuse.json()["detail"]
    assert_refused(after_reuse)
    # The revocation was committed although the request that caused it failed.
    family_id = stored(session, first["refresh_token"]).family_id
    revoked = session.exec(
        select(RefreshToken.revoked_at).where(RefreshToken.family_id == family_id)
    ).all()
    assert len(revoked) == 2
    assert all(at is not None for at in revoked)
    assert stored(session, other_session["refresh_token"]).revoked_at is None
    assert refresh(client, other_session["refresh_token"]).status_code == 200


def test_an_unknown_refresh_token_is_refused(client: TestClient, session: Session) -> None:
    user = make_user(session)
    login(client, user)

    response = refresh(client, "not-a-token-we-gave-out")

    assert_refused(response)
    assert (
        session.exec(select(RefreshToken).where(col(RefreshToken.revoked_at).isnot(None))).all()
        == []
    )


def test_an_expired_refresh_token_is_refused(client: TestClient, session: Session) -> None:
    user = make_user(session)
    pair = login(client, user)
    row = stored(session, pair["refresh_token"])
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    session.add(row)
    session.flush()

    response = refresh(client, pair["refresh_token"])

    assert_refused(response)
    assert stored(session, pair["refresh_token"]).used_at is None


def test_a_deactivated_user_cannot_refresh(client: TestClient, session: Session) -> None:
    user = make_user(session)
    pair = login(client, user)
    user.is_active = False
    session.add(user)
    session.flush()

    response = refresh(client, pair["refresh_token"])

    assert_refused(response)


def test_an_unknown_field_in_the_refresh_body_is_a_validation_problem(
    client: TestClient, session: Session
) -> None:
    pair = login(client, make_user(session))

    response = client.post(
        REFRESH_URL, json={"refresh_token": pair["refresh_token"], "scope": "admin"}
    )

    body = assert_problem(response, 422, "validation-error")
    assert any(e["loc"] == ["body", "scope"] for e in body["errors"]), body["errors"]
    assert stored(session, pair["refresh_token"]).used_at is None
