"""Role grants of a user, and who may manage users at all."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.models import RoleGrant, User
from api.auth.permissions import Role
from tests.assertions import assert_problem
from tests.factories import auth, grant, make_committee, make_user

URL = "/api/v1/users"


def grant_rows(session: Session, user: User) -> list[RoleGrant]:
    return list(session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all())


def test_adding_a_grant_creates_it_once(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    user = make_user(session)
    body = {"role": "committee_admin", "committee_id": str(committee.id)}

    created = client.post(f"{URL}/{user.id}/grants", json=body, headers=admin_headers)
    again = client.post(f"{URL}/{user.id}/grants", json=body, headers=admin_headers)

    assert created.status_code == 201, created.text
    assert set(created.json()) == {"id", "role", "committee_id"}
    assert created.json()["role"] == "committee_admin"
    assert created.json()["committee_id"] == str(committee.id)
    assert_problem(again, 409, "conflict")
    rows = grant_rows(session, user)
    assert [(str(g.id), g.role, g.committee_id) for g in rows] == [
        (created.json()["id"], "committee_admin", committee.id)
    ]
    listed = client.get(f"{URL}/{user.id}", headers=admin_headers).json()["grants"]
    assert listed == [created.json()]


def test_a_network_admin_grant_is_given_once_too(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    user = make_user(session)

    created = client.post(
        f"{URL}/{user.id}/grants", json={"role": "network_admin"}, headers=admin_headers
    )
    again = client.post(
        f"{URL}/{user.id}/grants", json={"role": "network_admin"}, headers=admin_headers
    )

    assert created.status_code == 201, created.text
    assert created.json()["committee_id"] is None
    assert_problem(again, 409, "conflict")
    assert len(grant_rows(session, user)) == 1


def test_a_grant_for_an_unknown_user_is_not_found(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(
        f"{URL}/{uuid.uuid4()}/grants", json={"role": "network_admin"}, headers=admin_headers
    )

    assert_problem(response, 404, "not-found")


def test_removing_a_grant_takes_it_away(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    user = make_user(session, role=Role.member, committee=committee)
    (member_grant,) = grant_rows(session, user)

    response = client.delete(f"{URL}/{user.id}/grants/{member_grant.id}", headers=admin_headers)

    assert response.status_code == 204, response.text
    assert response.content == b""
    assert client.get(f"{URL}/{user.id}", headers=admin_headers).json()["grants"] == []
    assert grant_rows(session, user) == []


def test_the_last_network_admin_keeps_that_role(
    client: TestClient, admin: User, admin_headers: dict[str, str], session: Session
) -> None:
    (admin_grant,) = grant_rows(session, admin)

    response = client.delete(f"{URL}/{admin.id}/grants/{admin_grant.id}", headers=admin_headers)

    assert_problem(response, 409, "conflict", code="last_network_admin")
    assert [g.id for g in grant_rows(session, admin)] == [admin_grant.id]


def test_a_network_admin_grant_can_go_when_another_admin_remains(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    other = make_user(session, role=Role.network_admin)
    (other_grant,) = grant_rows(session, other)

    response = client.delete(f"{URL}/{other.id}/grants/{other_grant.id}", headers=admin_headers)

    assert response.status_code == 204, response.text
    assert grant_rows(session, other) == []


def test_a_grant_of_another_user_is_not_found(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    owner = make_user(session, role=Role.member, committee=committee)
    someone_else = make_user(session)
    (owners_grant,) = grant_rows(session, owner)

    wrong_user = client.delete(
        f"{URL}/{someone_else.id}/grants/{owners_grant.id}", headers=admin_headers
    )
    unknown = client.delete(f"{URL}/{owner.id}/grants/{uuid.uuid4()}", headers=admin_headers)

    assert_problem(wrong_user, 404, "not-found")
    assert_problem(unknown, 404, "not-found")
    assert len(grant_rows(session, owner)) == 1


# --- only a network_admin manages users -----------------------------------------------------


def _callers(session: Session) -> dict[str, dict[str, str]]:
    committee = make_committee(session)
    committee_admin = make_user(session, role=Role.committee_admin, committee=committee)
    grant(session, committee_admin, Role.member, committee)
    return {
        "anonymous": {},
        "no role": auth(make_user(session)),
        "committee_admin": auth(committee_admin),
        "member": auth(make_user(session, role=Role.member, committee=committee)),
    }


ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", URL, None),
    ("POST", URL, {"email": "x@example.org", "display_name": "X", "password": "x" * 12}),
    ("GET", URL + "/{user_id}", None),
    ("PATCH", URL + "/{user_id}", {"display_name": "Renamed", "is_active": False}),
    ("POST", URL + "/{user_id}/grants", {"role": "network_admin"}),
    ("DELETE", URL + "/{user_id}/grants/{grant_id}", None),
]


@pytest.mark.parametrize(
    ("method", "path", "json"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ENDPOINTS]
)
def test_only_a_network_admin_may_manage_users(
    client: TestClient,
    session: Session,
    method: str,
    path: str,
    json: dict[str, Any] | None,
) -> None:
    committee = make_committee(session)
    target = make_user(session, role=Role.member, committee=committee)
    (target_grant,) = grant_rows(session, target)
    url = path.format(user_id=target.id, grant_id=target_grant.id)
    name = target.display_name

    for caller, headers in _callers(session).items():
        response = client.request(method, url, json=json, headers=headers)

        expected = 401 if caller == "anonymous" else 403
        assert_problem(response, expected, "unauthorized" if expected == 401 else "forbidden")
    session.refresh(target)
    assert (target.display_name, target.is_active, target.version) == (name, True, 1)
    assert [g.id for g in grant_rows(session, target)] == [target_grant.id]
    assert session.exec(select(User).where(User.email == "x@example.org")).first() is None
