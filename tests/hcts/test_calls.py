"""Calls for candidates: public reads, network_admin writes, the open/closed rule."""

import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from api.hcts.models import Call
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.hcts.factories import make_axis, make_call, make_candidature
from tests.outbox import no_event, one_event

CALLS = "/api/v1/hcts/calls"


def _new(**overrides: object) -> dict[str, object]:
    return {
        "title": "Appel : groupe de travail « participation »",
        "description": "Le HCTS constitue un groupe de travail.",
        "working_group": "Participation des personnes accompagnées",
        "deadline": (today() + timedelta(days=10)).isoformat(),
    } | overrides


def test_network_admin_opens_a_call(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session)

    with one_event(session, "hcts.call.created") as written:
        response = client.post(CALLS, json=_new(axis_id=str(axis.id)), headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["axis_id"] == str(axis.id)
    assert body["is_open"] is True
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{CALLS}/{body['id']}"
    assert written.events[0].committee_id is None
    assert written.events[0].payload["call_id"] == body["id"]
    assert session.get(Call, uuid.UUID(body["id"])) is not None


def test_an_unknown_axis_is_a_422(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    with no_event(session):
        response = client.post(CALLS, json=_new(axis_id=str(uuid.uuid4())), headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "axis_id"]


def test_only_network_admin_writes_calls(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = auth(make_user(session, role=Role.committee_admin, committee=committee))
    call = make_call(session)

    with no_event(session):
        assert_problem(client.post(CALLS, json=_new(), headers=headers), 403)
        assert_problem(
            client.patch(f"{CALLS}/{call.id}", json={"title": "x"}, headers=headers), 403
        )
        assert_problem(client.delete(f"{CALLS}/{call.id}", headers=headers), 403)
        assert_problem(client.post(CALLS, json=_new()), 401)


def test_logged_in_callers_list_calls_by_deadline_and_filter_open_ones(
    client: TestClient, session: Session
) -> None:
    closed = make_call(session, deadline=today() - timedelta(days=1))
    last_day = make_call(session, deadline=today())
    later = make_call(session, deadline=today() + timedelta(days=5))
    headers = auth(make_user(session, role=Role.member, committee=make_committee(session)))

    def listed(**params: object) -> Any:
        return client.get(CALLS, params={"limit": 500, **params}, headers=headers).json()["items"]

    every = listed()
    mine = [c for c in every if c["id"] in {str(closed.id), str(last_day.id), str(later.id)}]
    assert [c["id"] for c in mine] == [str(closed.id), str(last_day.id), str(later.id)]
    assert [c["is_open"] for c in mine] == [False, True, True]

    open_ids = {c["id"] for c in listed(open=True)}
    closed_ids = {c["id"] for c in listed(open=False)}
    assert {str(last_day.id), str(later.id)} <= open_ids
    assert str(closed.id) not in open_ids
    assert str(closed.id) in closed_ids
    assert not {str(last_day.id), str(later.id)} & closed_ids


def test_the_list_pages_with_a_cursor(client: TestClient, session: Session) -> None:
    made = [make_call(session, deadline=today() + timedelta(days=400 + n)) for n in range(3)]
    ids = {str(c.id) for c in made}
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get(CALLS, params=params).json()
        seen += [c["id"] for c in page["items"] if c["id"] in ids]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [str(c.id) for c in made]


def test_only_open_calls_are_public(client: TestClient, session: Session) -> None:
    """README: open calls are public. A closed one is a 404 to anonymous callers, and left
    out of their list even when they ask for closed calls."""
    closed = make_call(session, deadline=today() - timedelta(days=1))
    last_day = make_call(session, deadline=today())

    listed = {c["id"] for c in client.get(CALLS, params={"limit": 500}).json()["items"]}
    asked = client.get(CALLS, params={"open": False, "limit": 500}).json()["items"]

    assert str(last_day.id) in listed
    assert str(closed.id) not in listed
    assert str(closed.id) not in {c["id"] for c in asked}
    assert_problem(client.get(f"{CALLS}/{closed.id}"), 404, "not-found")
    assert client.get(f"{CALLS}/{last_day.id}").json()["is_open"] is True


def test_a_call_reads_with_its_state(client: TestClient, session: Session) -> None:
    call = make_call(session, deadline=today() - timedelta(days=1))
    member = make_user(session, role=Role.member, committee=make_committee(session))

    response = client.get(f"{CALLS}/{call.id}", headers=auth(member))

    assert response.status_code == 200, response.text
    assert response.json()["is_open"] is False
    assert response.headers["ETag"] == '"1"'
    assert_problem(client.get(f"{CALLS}/{uuid.uuid4()}"), 404, "not-found")


def test_patch_honours_if_match_and_can_reopen_a_call(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    call = make_call(session, deadline=today() - timedelta(days=3))
    url = f"{CALLS}/{call.id}"
    new_deadline = (today() + timedelta(days=3)).isoformat()

    with no_event(session):
        stale = client.patch(
            url, json={"deadline": new_deadline}, headers=admin_headers | {"If-Match": '"9"'}
        )
        assert_problem(stale, 412)
        assert_problem(client.patch(url, json={"title": None}, headers=admin_headers), 422)
    with one_event(session, "hcts.call.updated") as written:
        response = client.patch(
            url, json={"deadline": new_deadline}, headers=admin_headers | {"If-Match": '"1"'}
        )

    assert response.status_code == 200, response.text
    assert response.json()["is_open"] is True
    assert response.headers["ETag"] == '"2"'
    assert written.events[0].payload["fields"] == ["deadline"]


def test_a_call_without_candidatures_is_deleted(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    call = make_call(session)
    call_id = call.id

    with one_event(session, "hcts.call.deleted"):
        response = client.delete(f"{CALLS}/{call_id}", headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204
    session.expire_all()
    assert session.get(Call, call_id) is None


def test_a_call_with_candidatures_is_kept(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    call = make_call(session)
    make_candidature(session, call=call, committee=make_committee(session))

    with no_event(session):
        response = client.delete(
            f"{CALLS}/{call.id}", headers=editing(client, f"{CALLS}/{call.id}", admin_headers)
        )

    assert_problem(response, 409, "conflict")
    assert session.get(Call, call.id) is not None
