"""Logging in, and which access tokens `GET /me` accepts: what a client sees."""

import base64
import hashlib
import hmac
import json
import time
import uuid
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import patch

import jwt
import pytest
from fastapi.testclient import TestClient
from jwt.warnings import InsecureKeyLengthWarning
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.auth.tokens import (
    LEEWAY_SECONDS,
    InvalidToken,
    decode_access_token,
    issue_access_token,
)
from api.config import Settings, get_settings
from tests.assertions import assert_problem
from tests.factories import PASSWORD, auth, make_committee, make_user

TOKEN_URL = "/api/v1/auth/token"
ME_URL = "/api/v1/me"
OTHER_KEY = "another-signing-key-nobody-configured-0123456789"


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        TOKEN_URL, data={"grant_type": "password", "username": username, "password": password}
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claims_for(user_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    """Valid claims for `user_id`; a change of None removes that claim."""
    settings = get_settings()
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "jti": uuid.uuid4().hex,
    } | changes
    return {name: value for name, value in claims.items() if value is not None}


def signed(claims: dict[str, Any], key: str | None = None, algorithm: str = "HS256") -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)  # HS512 with our 47-byte key
        return jwt.encode(claims, key or get_settings().signing_keys[0], algorithm=algorithm)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def hand_built(header: dict[str, Any], claims: dict[str, Any], key: str | None) -> str:
    """A JWT assembled by hand; signed with HMAC-SHA256 under `key`, or unsigned when None."""
    as_json = json.loads(json.dumps(claims, default=lambda d: int(d.timestamp())))
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(as_json).encode())}"
    if key is None:
        return signing_input + "."
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


# --- logging in -----------------------------------------------------------------------------


def test_password_grant_gives_a_token_pair_whose_access_token_works(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)

    response = login(client, user.email)

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert body["refresh_token"]
    me = client.get(ME_URL, headers=bearer(body["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["id"] == str(user.id)


def test_the_email_is_case_insensitive_at_login(client: TestClient, session: Session) -> None:
    make_user(session, email="claire.martin@example.org")

    response = login(client, "  Claire.MARTIN@Example.ORG ")

    assert response.status_code == 200, response.text


def test_wrong_password_unknown_email_and_inactive_user_get_the_same_answer(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)
    inactive = make_user(session, is_active=False)

    wrong_password = login(client, user.email, "not the password at all")
    unknown_email = login(client, "nobody@example.org")
    deactivated = login(client, inactive.email)

    body = assert_problem(wrong_password, 401, "unauthorized")
    assert body["detail"] == "Wrong email or password."
    assert wrong_password.headers["WWW-Authenticate"] == 'Bearer error="invalid_grant"'
    for other in (unknown_email, deactivated):
        assert other.status_code == wrong_password.status_code
        assert other.content == wrong_password.content
        assert other.headers["WWW-Authenticate"] == wrong_password.headers["WWW-Authenticate"]


@pytest.mark.parametrize(
    ("form", "missing"),
    [
        ({"grant_type": "password", "password": PASSWORD}, "username"),
        ({"grant_type": "password", "username": "a@example.org"}, "password"),
        ({"grant_type": "client_credentials", "username": "a@example.org"}, "client_id"),
        ({"grant_type": "authorization_code", "username": "a@example.org", "password": "x"}, ""),
    ],
)
def test_a_malformed_login_form_is_a_validation_problem(
    client: TestClient, form: dict[str, str], missing: str
) -> None:
    response = client.post(TOKEN_URL, data=form)

    body = assert_problem(response, 422, "validation-error")
    field = missing or "grant_type"
    assert any(e["loc"] == ["body", field] for e in body["errors"]), body["errors"]


# --- who am I -------------------------------------------------------------------------------


def test_me_without_a_token_asks_for_a_bearer_token(client: TestClient) -> None:
    response = client.get(ME_URL)

    assert_problem(response, 401, "unauthorized")
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_me_describes_a_committee_admin_and_their_grants(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    user = make_user(session, role=Role.committee_admin, committee=committee)

    response = client.get(ME_URL, headers=auth(user))

    assert response.status_code == 200, response.text
    body = response.json()
    assert {k: body[k] for k in ("id", "email", "display_name")} == {
        "id": str(user.id),
        "email": user.email,
        "display_name": user.display_name,
    }
    assert [(g["role"], g["committee_id"]) for g in body["grants"]] == [
        ("committee_admin", str(committee.id))
    ]


# --- access tokens that must be refused -----------------------------------------------------


def test_a_hand_built_token_with_every_claim_is_accepted(
    client: TestClient, session: Session
) -> None:
    # The control for the refusals below: each changes one property of these tokens.
    user = make_user(session)
    key = get_settings().signing_keys[0]

    by_library = client.get(ME_URL, headers=bearer(signed(claims_for(user.id))))
    by_hand = client.get(
        ME_URL, headers=bearer(hand_built({"alg": "HS256", "typ": "JWT"}, claims_for(user.id), key))
    )

    assert by_library.status_code == 200, by_library.text
    assert by_hand.status_code == 200, by_hand.text


def test_a_token_expired_within_the_leeway_is_still_accepted(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)
    now = datetime.now(UTC)
    token = signed(
        claims_for(user.id, iat=now - timedelta(minutes=15), exp=now - timedelta(seconds=1))
    )

    response = client.get(ME_URL, headers=bearer(token))

    assert response.status_code == 200, response.text


def _unsigned(user_id: uuid.UUID) -> str:
    return hand_built({"alg": "none", "typ": "JWT"}, claims_for(user_id), key=None)


def _unsigned_by_pyjwt(user_id: uuid.UUID) -> str:
    return jwt.encode(claims_for(user_id), key=None, algorithm="none")


def _rs256_declared(user_id: uuid.UUID) -> str:
    # Algorithm confusion: RS256 in the header, an HMAC under our own key as the signature.
    key = get_settings().signing_keys[0]
    return hand_built({"alg": "RS256", "typ": "JWT"}, claims_for(user_id), key)


def _expired(user_id: uuid.UUID) -> str:
    now = datetime.now(UTC)
    return signed(
        claims_for(user_id, iat=now - timedelta(minutes=20), exp=now - timedelta(seconds=10))
    )


REFUSED_TOKENS = {
    "alg none, by hand": _unsigned,
    "alg none, by pyjwt": _unsigned_by_pyjwt,
    "expired beyond the leeway": _expired,
    "another audience": lambda uid: signed(claims_for(uid, aud="another-api")),
    "another issuer": lambda uid: signed(claims_for(uid, iss="someone-else")),
    "another key": lambda uid: signed(claims_for(uid), key=OTHER_KEY),
    "no exp": lambda uid: signed(claims_for(uid, exp=None)),
    "no iat": lambda uid: signed(claims_for(uid, iat=None)),
    "no sub": lambda uid: signed(claims_for(uid, sub=None)),
    "sub not a uuid": lambda uid: signed(claims_for(uid, sub="admin")),
    "HS512": lambda uid: signed(claims_for(uid), algorithm="HS512"),
    "RS256 declared": _rs256_declared,
    "garbage": lambda uid: "not-a-jwt",
}


@pytest.mark.parametrize("make_token", REFUSED_TOKENS.values(), ids=REFUSED_TOKENS.keys())
def test_me_refuses_an_invalid_access_token(
    client: TestClient, session: Session, make_token: Any
) -> None:
    user = make_user(session)

    response = client.get(ME_URL, headers=bearer(make_token(user.id)))

    body = assert_problem(response, 401, "unauthorized")
    assert body["detail"] == "The access token is invalid or expired."
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_the_token_of_a_deactivated_user_is_refused(client: TestClient, session: Session) -> None:
    user = make_user(session)
    headers = auth(user)
    user.is_active = False
    session.add(user)
    session.flush()

    response = client.get(ME_URL, headers=headers)

    body = assert_problem(response, 401, "unauthorized")
    assert body["detail"] == "The access token's user is unknown or deactivated."


def test_the_token_of_a_deleted_user_is_refused(client: TestClient, session: Session) -> None:
    user = make_user(session)
    headers = auth(user)
    session.delete(user)
    session.flush()
    assert session.get(User, user.id) is None

    response = client.get(ME_URL, headers=headers)

    body = assert_problem(response, 401, "unauthorized")
    assert body["detail"] == "The access token's user is unknown or deactivated."


# --- signing-key rotation (unit level) ------------------------------------------------------


def test_a_token_signed_by_a_retired_key_still_verifies_after_rotation() -> None:
    old, new = "old-signing-key-0123456789abcdef0123", "new-signing-key-0123456789abcdef0123"
    user_id = uuid.uuid4()
    before = Settings(signing_keys=[old])
    after = Settings(signing_keys=[new, old])

    by_old_key = issue_access_token(before, user_id)
    by_new_key = issue_access_token(after, user_id)

    assert decode_access_token(after, by_old_key).user_id == user_id
    assert decode_access_token(after, by_new_key).user_id == user_id
    assert decode_access_token(Settings(signing_keys=[new]), by_new_key).user_id == user_id
    with pytest.raises(InvalidToken):
        decode_access_token(before, by_new_key)
    with pytest.raises(InvalidToken):
        decode_access_token(Settings(signing_keys=[new]), by_old_key)


def test_a_token_accepted_once_is_refused_once_it_expires(
    client: TestClient, session: Session
) -> None:
    # A verified token is remembered (api.auth.tokens._verified): its expiry still applies.
    user = make_user(session)
    now = datetime.now(UTC)
    token = signed(claims_for(user.id, iat=now - timedelta(minutes=15), exp=now))
    assert client.get(ME_URL, headers=bearer(token)).status_code == 200

    later = time.time() + LEEWAY_SECONDS + 1
    with patch("api.auth.tokens.time.time", return_value=later):
        response = client.get(ME_URL, headers=bearer(token))

    assert response.status_code == 401, response.text
    assert response.json()["detail"] == "The access token is invalid or expired."
