"""A login is linked to at most one person record, and a person has at most one login."""

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.models import User
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_user
from tests.people.factories import link, make_person

NEW_USER: dict[str, Any] = {
    "email": "lea.martin@example.org",
    "display_name": "Léa Martin",
    "password": "twelve chars",
}


def test_a_login_is_created_for_a_person(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    person = make_person(session)

    response = client.post(
        "/api/v1/users", json=NEW_USER | {"person_id": str(person.id)}, headers=admin_headers
    )

    assert response.status_code == 201, response.text
    assert response.json()["person_id"] == str(person.id)
    stored = session.get(User, uuid.UUID(response.json()["id"]))
    assert stored is not None
    assert stored.person_id == person.id
    me = client.get("/api/v1/me", headers=auth(stored)).json()
    assert me["person_id"] == str(person.id)


def test_users_without_a_person_say_so(
    client: TestClient, admin: User, admin_headers: dict[str, str]
) -> None:
    assert client.get("/api/v1/me", headers=admin_headers).json()["person_id"] is None
    assert (
        client.get(f"/api/v1/users/{admin.id}", headers=admin_headers).json()["person_id"] is None
    )


def test_the_person_must_exist(client: TestClient, admin_headers: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/users", json=NEW_USER | {"person_id": str(uuid.uuid4())}, headers=admin_headers
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "person_id"]


def test_a_person_has_one_login(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    person = make_person(session)
    link(session, make_user(session), person)
    other = make_user(session)

    created = client.post(
        "/api/v1/users", json=NEW_USER | {"person_id": str(person.id)}, headers=admin_headers
    )
    patched = client.patch(
        f"/api/v1/users/{other.id}", json={"person_id": str(person.id)}, headers=admin_headers
    )

    assert "already has a login" in assert_problem(created, 409, "conflict")["detail"]
    assert_problem(patched, 409, "conflict")
    session.refresh(other)
    assert other.person_id is None


def test_a_link_is_changed_and_removed(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    first, second = make_person(session), make_person(session)
    user = make_user(session)
    link(session, user, first)
    url = f"/api/v1/users/{user.id}"

    same = client.patch(
        url, json={"person_id": str(first.id)}, headers=editing(client, url, admin_headers)
    )
    moved = client.patch(
        url, json={"person_id": str(second.id)}, headers=editing(client, url, admin_headers)
    )
    renamed = client.patch(
        url, json={"display_name": "Autre"}, headers=editing(client, url, admin_headers)
    )
    unlinked = client.patch(
        url, json={"person_id": None}, headers=editing(client, url, admin_headers)
    )

    assert same.json()["person_id"] == str(first.id)
    assert moved.json()["person_id"] == str(second.id)
    assert renamed.json()["person_id"] == str(second.id)  # untouched when not sent
    assert unlinked.status_code == 200, unlinked.text
    assert unlinked.json()["person_id"] is None
    session.refresh(user)
    assert user.person_id is None


def test_a_linked_login_reads_its_own_person(client: TestClient, session: Session) -> None:
    person = make_person(session, category="person_supported")
    user = make_user(session)
    url = f"/api/v1/people/{person.id}"

    assert_problem(client.get(url, headers=auth(user)), 404)
    link(session, user, person)
    assert client.get(url, headers=auth(user)).status_code == 200
