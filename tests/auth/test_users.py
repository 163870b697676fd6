"""Managing logins and role grants, as a network_admin sees it (and who else may not)."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth import service as auth_service
from api.auth.models import RefreshToken, RoleGrant, User
from api.auth.permissions import Role
from api.config import get_settings
from tests.assertions import assert_problem
from tests.factories import PASSWORD, auth, editing, make_committee, make_user

URL = "/api/v1/users"
NEW_USER: dict[str, Any] = {
    "email": "Nouvelle.Personne@Example.ORG",
    "display_name": "Nouvelle Personne",
    "password": "twelve chars",
}


def user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def grants_of(session: Session, user: User) -> list[tuple[str, uuid.UUID | None]]:
    rows = session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    return sorted((g.role, g.committee_id) for g in rows)


# --- creating -------------------------------------------------------------------------------


def test_create_stores_a_lower_case_email_and_an_argon2id_hash(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    grants = [
        {"role": "committee_admin", "committee_id": str(committee.id)},
        {"role": "member", "committee_id": str(committee.id)},
    ]

    response = client.post(URL, json=NEW_USER | {"grants": grants}, headers=admin_headers)

    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    body = response.json()
    assert body["email"] == "nouvelle.personne@example.org"
    assert body["display_name"] == "Nouvelle Personne"
    assert body["is_active"] is True
    assert "password" not in body
    assert "password_hash" not in body
    assert sorted((g["role"], g["committee_id"]) for g in body["grants"]) == sorted(
        (g["role"], g["committee_id"]) for g in grants
    )
    stored = session.get(User, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.email == "nouvelle.personne@example.org"
    assert stored.password_hash.startswith("$argon2id$")
    assert NEW_USER["password"] not in stored.password_hash
    assert grants_of(session, stored) == [
        ("committee_admin", committee.id),
        ("member", committee.id),
    ]


def test_an_email_already_taken_in_any_case_is_a_conflict(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    make_user(session, email="nouvelle.personne@example.org")

    response = client.post(URL, json=NEW_USER, headers=admin_headers)

    assert_problem(response, 409, "conflict")
    assert len(session.exec(select(User).where(col(User.email).startswith("nouvelle"))).all()) == 1


UNKNOWN_COMMITTEE = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "eleven char"}, "password"),
        ({"email": "not an email"}, "email"),
        ({"display_name": ""}, "display_name"),
        ({"is_admin": True}, "is_admin"),
        ({"grants": [{"role": "member", "committee_id": UNKNOWN_COMMITTEE}]}, "committee_id"),
        ({"grants": [{"role": "network_admin", "committee_id": UNKNOWN_COMMITTEE}]}, "grants"),
        ({"grants": [{"role": "committee_admin"}]}, "grants"),
        ({"grants": [{"role": "superuser"}]}, "grants"),
    ],
)
def test_create_refuses_invalid_users_and_creates_nothing(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    changes: dict[str, Any],
    field: str,
) -> None:
    response = client.post(URL, json=NEW_USER | changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]
    assert user_by_email(session, "nouvelle.personne@example.org") is None


# --- reading --------------------------------------------------------------------------------


def test_the_list_is_walked_page_by_page_with_each_user_once(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    for _ in range(5):
        make_user(session)
    everyone = {str(u.id) for u in session.exec(select(User)).all()}
    assert len(everyone) == 6  # the admin too

    seen: list[str] = []
    pages = 0
    params: dict[str, Any] = {"limit": 2}
    while True:
        response = client.get(URL, params=params, headers=admin_headers)
        assert response.status_code == 200, response.text
        page = response.json()
        pages += 1
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]

    assert pages == 3
    assert len(seen) == len(set(seen))
    assert set(seen) == everyone


def test_search_matches_email_and_name_without_case_or_wildcards(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    martin = make_user(session, email="claire.martin@example.org")
    dupont = make_user(session, email="j.dupont@example.org")
    durand = make_user(session, email="p.durand@example.org", display_name="Paul Durand")

    def search(q: str) -> set[str]:
        response = client.get(URL, params={"q": q}, headers=admin_headers)
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert search("MARTIN") == {str(martin.id)}
    assert search("paul DUR") == {str(durand.id)}
    assert search("dupont") == {str(dupont.id)}
    assert search("%") == set()
    assert search("_") == set()


def test_search_finds_a_name_that_starts_with_an_accented_capital(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    elodie = make_user(session, email="e.dupont@example.org", display_name="Élodie Dupont")

    for q in ("Élodie", "élodie", "ÉLODIE", "elodie"):
        response = client.get(URL, params={"q": q}, headers=admin_headers)
        assert response.status_code == 200, response.text
        assert [item["id"] for item in response.json()["items"]] == [str(elodie.id)], q


def test_read_gives_the_user_with_an_etag(
    client: TestClient, admin_headers: dict[str, str], admin: User
) -> None:
    response = client.get(f"{URL}/{admin.id}", headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"1"'
    body = response.json()
    assert body["id"] == str(admin.id)
    assert body["email"] == admin.email
    assert [(g["role"], g["committee_id"]) for g in body["grants"]] == [("network_admin", None)]


def test_an_unknown_user_is_not_found(client: TestClient, admin_headers: dict[str, str]) -> None:
    response = client.get(f"{URL}/{uuid.uuid4()}", headers=admin_headers)

    assert_problem(response, 404, "not-found")


# --- updating -------------------------------------------------------------------------------


def refresh_rows(session: Session, user: User) -> list[RefreshToken]:
    rows = list(session.exec(select(RefreshToken).where(RefreshToken.user_id == user.id)).all())
    for row in rows:
        session.refresh(row)
    return rows


def open_sessions(session: Session, user: User, count: int = 2) -> list[str]:
    """Refresh tokens of `count` logins (families) of `user`."""
    settings = get_settings()
    return [
        auth_service.issue_tokens(session, settings=settings, user_id=user.id).refresh_token
        for _ in range(count)
    ]


def test_update_changes_the_display_name(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    user = make_user(session)

    response = client.patch(
        f"{URL}/{user.id}",
        json={"display_name": "Camille Roux"},
        headers=editing(client, f"{URL}/{user.id}", admin_headers),
    )

    assert response.status_code == 200, response.text
    assert response.json()["display_name"] == "Camille Roux"
    session.refresh(user)
    assert user.display_name == "Camille Roux"


@pytest.mark.parametrize("field", ["display_name", "password", "is_active"])
def test_a_null_for_a_field_that_cannot_be_empty_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session, field: str
) -> None:
    user = make_user(session)
    before = (user.display_name, user.password_hash, user.is_active)

    response = client.patch(f"{URL}/{user.id}", json={field: None}, headers=admin_headers)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    session.refresh(user)
    assert (user.display_name, user.password_hash, user.is_active) == before


def test_if_match_refuses_a_stale_etag_and_accepts_the_current_one(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    user = make_user(session)
    etag = client.get(f"{URL}/{user.id}", headers=admin_headers).headers["ETag"]
    first = client.patch(
        f"{URL}/{user.id}",
        json={"display_name": "First"},
        headers=admin_headers | {"If-Match": etag},
    )

    stale = client.patch(
        f"{URL}/{user.id}",
        json={"display_name": "Stale"},
        headers=admin_headers | {"If-Match": etag},
    )
    current = client.patch(
        f"{URL}/{user.id}",
        json={"display_name": "Current"},
        headers=admin_headers | {"If-Match": first.headers["ETag"]},
    )

    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != etag
    assert_problem(stale, 412, "precondition-failed")
    assert current.status_code == 200, current.text
    assert current.headers["ETag"] not in (etag, first.headers["ETag"])
    session.refresh(user)
    assert user.display_name == "Current"


def test_deactivating_a_user_revokes_their_sessions_and_their_access_token(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    user = make_user(session)
    refresh_tokens = open_sessions(session, user)
    user_headers = auth(user)
    assert client.get("/api/v1/me", headers=user_headers).status_code == 200

    response = client.patch(
        f"{URL}/{user.id}",
        json={"is_active": False},
        headers=editing(client, f"{URL}/{user.id}", admin_headers),
    )

    assert response.status_code == 200, response.text
    assert response.json()["is_active"] is False
    assert_problem(client.get("/api/v1/me", headers=user_headers), 401, "unauthorized")
    assert all(row.revoked_at is not None for row in refresh_rows(session, user))
    for token in refresh_tokens:
        refused = client.post("/api/v1/auth/refresh", json={"refresh_token": token})
        assert_problem(refused, 401, "unauthorized")


def test_changing_the_password_revokes_the_sessions(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    user = make_user(session)
    open_sessions(session, user)
    old_hash = user.password_hash

    response = client.patch(
        f"{URL}/{user.id}",
        json={"password": "a brand new passphrase"},
        headers=editing(client, f"{URL}/{user.id}", admin_headers),
    )

    assert response.status_code == 200, response.text
    session.refresh(user)
    assert user.password_hash != old_hash
    assert user.password_hash.startswith("$argon2id$")
    assert all(row.revoked_at is not None for row in refresh_rows(session, user))
    new_login = client.post(
        "/api/v1/auth/token",
        data={"username": user.email, "password": "a brand new passphrase"},
    )
    assert new_login.status_code == 200, new_login.text
    old_login = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": PASSWORD}
    )
    assert_problem(old_login, 401, "unauthorized")


def test_the_last_active_network_admin_cannot_be_deactivated(
    client: TestClient, admin: User, admin_headers: dict[str, str], session: Session
) -> None:
    make_user(session, role=Role.network_admin, is_active=False)  # an inactive one does not count

    last = client.patch(
        f"{URL}/{admin.id}",
        json={"is_active": False},
        headers=editing(client, f"{URL}/{admin.id}", admin_headers),
    )
    make_user(session, role=Role.network_admin)
    not_last = client.patch(
        f"{URL}/{admin.id}",
        json={"is_active": False},
        headers=editing(client, f"{URL}/{admin.id}", admin_headers),
    )

    assert_problem(last, 409, "conflict", code="last_network_admin")
    assert not_last.status_code == 200, not_last.text
    session.refresh(admin)
    assert admin.is_active is False
