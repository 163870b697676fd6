"""Machine clients as a département's IT team meets them: registration, the
`client_credentials` grant, what a token reaches, rotation, revocation and bindings."""

import base64
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote_plus

import jwt
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.models import MachineClient
from api.auth.permissions import ClientScope
from api.config import get_settings
from api.core.clock import utcnow
from api.outbox.models import OutboxEvent
from tests.assertions import assert_problem
from tests.factories import client_auth, editing, make_client, make_committee
from tests.memberships.factories import make_member

TOKEN_URL = "/api/v1/auth/token"
CLIENTS_URL = "/api/v1/machine-clients"
READ, WRITE, STATS = ClientScope.members_read, ClientScope.members_write, ClientScope.stats_read


def client_token(client: TestClient, client_id: uuid.UUID | str, secret: str) -> Any:
    return client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": str(client_id),
            "client_secret": secret,
        },
    )


def bearer(response: Any) -> dict[str, str]:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def members_url(committee: Any) -> str:
    return f"/api/v1/committees/{committee.id}/members"


def new_member(committee: Any) -> dict[str, Any]:
    return {
        "person": {"first_name": "Inès", "last_name": "Roux", "category": "social_worker"},
        "role": "member",
        "start_on": "2025-01-01",
    }


def test_registration_shows_the_secret_once(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session, is_public=False, department_codes=["07"])
    created = client.post(
        CLIENTS_URL,
        headers=admin_headers,
        json={"name": "SI Ardèche", "scopes": ["members:read"], "department_code": "07"},
    )
    assert created.status_code == 201, created.text
    assert created.headers["Cache-Control"] == "no-store"
    body = created.json()
    assert body["scopes"] == ["members:read"]
    assert body["committee_ids"] == []
    secret = body["client_secret"]
    stored = session.get(MachineClient, uuid.UUID(body["id"]))
    assert stored is not None
    assert secret not in (stored.secret_hash, stored.name)

    shown = client.get(f"{CLIENTS_URL}/{body['id']}", headers=admin_headers)
    assert shown.status_code == 200
    assert "client_secret" not in shown.json()
    listed = client.get(CLIENTS_URL, headers=admin_headers).json()["items"]
    assert [c["id"] for c in listed] == [body["id"]]
    # Bound to the département: it reads the committees covering it.
    make_member(session, committee=own)
    token = bearer(client_token(client, body["id"], secret))
    assert client.get(members_url(own), headers=token).json()["items"]


def test_registration_refuses_what_binds_nothing_or_nothing_known(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    unbound = client.post(
        CLIENTS_URL, headers=admin_headers, json={"name": "SI", "scopes": ["members:read"]}
    )
    assert_problem(unbound, 422)
    unknown = client.post(
        CLIENTS_URL,
        headers=admin_headers,
        json={"name": "SI", "scopes": ["members:read"], "committee_ids": [str(uuid.uuid4())]},
    )
    assert_problem(unknown, 422)
    assert unknown.json()["errors"][0]["loc"] == ["body", "committee_ids"]
    no_such = client.post(
        CLIENTS_URL,
        headers=admin_headers,
        json={"name": "SI", "scopes": ["members:read"], "department_code": "99"},
    )
    assert_problem(no_such, 422)
    scope = client.post(
        CLIENTS_URL,
        headers=admin_headers,
        json={"name": "SI", "scopes": ["hcts:manage"], "department_code": "07"},
    )
    assert_problem(scope, 422)


def test_client_credentials_in_the_form_or_with_basic(client: TestClient, session: Session) -> None:
    own = make_committee(session, is_public=False)
    client_id, secret = make_client(session, READ, committees=[own])

    answer = client_token(client, client_id, secret)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "refresh_token" not in body
    assert body["scope"] == "members:read"
    assert body["expires_in"] == get_settings().access_token_ttl_seconds
    assert answer.headers["Cache-Control"] == "no-store"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["sub"] == str(client_id)

    # RFC 6749 §2.3.1: form-encoded, then Basic.
    pair = f"{quote_plus(str(client_id))}:{quote_plus(secret)}".encode()
    basic = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": "Basic " + base64.b64encode(pair).decode()},
    )
    assert basic.status_code == 200, basic.text


def test_wrong_credentials_are_one_answer(client: TestClient, session: Session) -> None:
    own = make_committee(session)
    client_id, secret = make_client(session, READ, committees=[own])
    for wrong in (
        client_token(client, client_id, secret + "x"),
        client_token(client, uuid.uuid4(), secret),
        client_token(client, "not-a-uuid", secret),
    ):
        assert_problem(wrong, 401)
        assert wrong.json()["detail"] == "Wrong client id or secret."
        assert 'error="invalid_client"' in wrong.headers["WWW-Authenticate"]
    missing = client.post(
        TOKEN_URL, data={"grant_type": "client_credentials", "client_id": str(client_id)}
    )
    assert_problem(missing, 422)
    no_user = client.post(TOKEN_URL, data={"grant_type": "password", "password": "x"})
    assert_problem(no_user, 422)


def test_a_token_reaches_its_committees_with_its_scopes(
    client: TestClient, session: Session
) -> None:
    own = make_committee(session, is_public=False)
    foreign = make_committee(session, is_public=False)
    make_member(session, committee=own)
    reader = client_auth(make_client(session, READ, committees=[own])[0])
    writer = client_auth(make_client(session, READ, WRITE, committees=[own])[0])

    assert client.get(members_url(own), headers=reader).status_code == 200
    assert_problem(client.get(members_url(foreign), headers=reader), 404)
    assert_problem(client.post(members_url(own), headers=reader, json=new_member(own)), 403)
    created = client.post(members_url(own), headers=writer, json=new_member(own))
    assert created.status_code == 201, created.text
    assert_problem(client.post(members_url(foreign), headers=writer, json=new_member(own)), 404)
    # Nothing outside its scopes, even on its own committee.
    assert_problem(client.get(f"/api/v1/committees/{own.id}/working-groups", headers=writer), 403)
    assert_problem(client.get("/api/v1/users", headers=writer), 403)
    assert_problem(client.get("/api/v1/me", headers=writer), 403)


def test_rotation_keeps_the_previous_secret_for_a_while(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session)
    client_id, first = make_client(session, READ, committees=[own])
    url = f"{CLIENTS_URL}/{client_id}"

    rotated = client.post(f"{url}/secret", headers=admin_headers, json={})
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()["client_secret"]
    assert second != first
    assert rotated.json()["previous_valid_until"] is not None
    assert client_token(client, client_id, first).status_code == 200
    assert client_token(client, client_id, second).status_code == 200

    ended = client.delete(f"{url}/previous-secret", headers=editing(client, url, admin_headers))
    assert ended.status_code == 200
    assert ended.json()["previous_valid_until"] is None
    assert_problem(client_token(client, client_id, first), 401)
    assert client_token(client, client_id, second).status_code == 200

    # With no overlap asked, the previous secret stops at once.
    third = client.post(
        f"{url}/secret", headers=admin_headers, json={"previous_valid_for_hours": 0}
    ).json()["client_secret"]
    assert_problem(client_token(client, client_id, second), 401)
    assert client_token(client, client_id, third).status_code == 200


def test_the_previous_secret_expires(client: TestClient, session: Session) -> None:
    own = make_committee(session)
    client_id, first = make_client(session, READ, committees=[own])
    stored = session.get(MachineClient, client_id)
    assert stored is not None
    stored.previous_secret_hash, stored.secret_hash = stored.secret_hash, "0" * 64
    stored.previous_valid_until = utcnow() - timedelta(seconds=1)
    session.add(stored)
    session.flush()
    assert_problem(client_token(client, client_id, first), 401)


def test_revocation_stops_its_tokens_at_once(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session, is_public=False)
    client_id, secret = make_client(session, READ, committees=[own])
    token = bearer(client_token(client, client_id, secret))
    assert client.get(members_url(own), headers=token).status_code == 200

    revoked = client.post(f"{CLIENTS_URL}/{client_id}/revoke", headers=admin_headers)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert_problem(client.get(members_url(own), headers=token), 401)
    assert_problem(client_token(client, client_id, secret), 401)
    rotate = client.post(f"{CLIENTS_URL}/{client_id}/secret", headers=admin_headers, json={})
    assert_problem(rotate, 409)


def test_a_departement_binding_follows_the_committees_territories(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    client_id, _ = make_client(session, READ, department_code="07")
    token = client_auth(client_id)
    later = client.post(
        "/api/v1/committees",
        headers=admin_headers,
        json={
            "name": "CLTSDS de l'Ardèche",
            "scale": "departmental",
            "department_codes": ["07"],
            "is_public": False,
        },
    )
    assert later.status_code == 201, later.text
    committee_url = f"/api/v1/committees/{later.json()['id']}"
    assert client.get(f"{committee_url}/members", headers=token).status_code == 200

    moved = client.patch(
        committee_url,
        headers=editing(client, committee_url, admin_headers),
        json={"department_codes": ["26"]},
    )
    assert moved.status_code == 200, moved.text
    assert_problem(client.get(f"{committee_url}/members", headers=token), 404)


def test_a_named_committee_stays_bound_when_it_leaves_the_departement(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session, is_public=False, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[own], department_code="07")
    committee_url = f"/api/v1/committees/{own.id}"
    moved = client.patch(
        committee_url,
        headers=editing(client, committee_url, admin_headers),
        json={"department_codes": ["26"]},
    )
    assert moved.status_code == 200, moved.text
    assert client.get(members_url(own), headers=client_auth(client_id)).status_code == 200


def test_stats_read_counts_its_committees_people_without_reading_them(
    client: TestClient, session: Session
) -> None:
    own = make_committee(session, is_public=False, department_codes=["07"])
    for _ in range(3):
        make_member(session, committee=own)
    stats = client_auth(make_client(session, STATS, committees=[own])[0])
    figures = client.get(
        "/api/v1/stats/participation", headers=stats, params={"committee_id": str(own.id)}
    )
    assert figures.status_code == 200, figures.text
    # Three people: under secrecy that count would be hidden; its binding lets it see them.
    assert figures.json()["members"]["total"] == 3
    assert figures.json()["suppressed"] == []
    assert_problem(client.get(members_url(own), headers=stats), 403)


def test_its_writes_are_attributed_to_it(
    client: TestClient, session: Session, admin: Any, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session, is_public=False)
    client_id, _ = make_client(session, READ, WRITE, committees=[own])
    by_client = client.post(members_url(own), headers=client_auth(client_id), json=new_member(own))
    by_admin = client.post(members_url(own), headers=admin_headers, json=new_member(own))
    assert by_client.status_code == by_admin.status_code == 201

    def writers(membership_id: str) -> set[tuple[Any, Any]]:
        events = session.exec(
            select(OutboxEvent).where(OutboxEvent.type == "membership.created")
        ).all()
        return {
            (e.by_user_id, e.by_client_id)
            for e in events
            if e.payload.get("membership_id") == membership_id
        }

    assert writers(by_client.json()["id"]) == {(None, client_id)}
    assert writers(by_admin.json()["id"]) == {(admin.id, None)}
    # The feed says which changes were the client's own, for a sync to skip its echoes.
    feed = client.get(
        "/api/v1/changes", headers=admin_headers, params={"types": "membership.created"}
    )
    by = {e["payload"]["membership_id"]: e["by_client_id"] for e in feed.json()["items"]}
    assert by[by_client.json()["id"]] == str(client_id)
    assert by[by_admin.json()["id"]] is None
