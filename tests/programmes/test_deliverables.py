import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from api.programmes.models import Action, Deliverable
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.programmes.factories import an_action


def add(session: Session, action: Action, **fields: Any) -> Deliverable:
    deliverable = Deliverable(
        action_id=action.id,
        **({"title": "Livrable", "kind": "report", "status": "planned"} | fields),
    )
    session.add(deliverable)
    session.flush()
    return deliverable


def url(action: Action) -> str:
    return f"/api/v1/actions/{action.id}/deliverables"


def test_create_returns_the_deliverable_with_its_etag(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = an_action(session, make_committee(session))
    body = {
        "title": "Réécriture FALC des courriers",
        "kind": "practice_sheet",
        "due_on": "2025-06-30",
        "link": "https://example.org/falc",
    }

    response = client.post(url(action), json=body, headers=admin_headers)

    assert response.status_code == 201, response.text
    created = response.json()
    assert {k: created[k] for k in body} == body
    assert created["status"] == "planned"
    assert created["delivered_on"] is None
    assert created["action_id"] == str(action.id)
    assert created["programme_id"] == str(action.programme_id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/api/v1/deliverables/{created['id']}"
    stored = session.get(Deliverable, uuid.UUID(created["id"]))
    assert stored is not None
    assert stored.kind == "practice_sheet"


def test_overdue_means_due_before_today_and_still_open(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = an_action(session, make_committee(session))
    yesterday, now = today() - timedelta(days=1), today()
    late = add(session, action, title="late", due_on=yesterday)
    late_started = add(session, action, title="late2", due_on=yesterday, status="in_progress")
    add(session, action, title="today", due_on=now)
    add(session, action, title="delivered", due_on=yesterday, status="delivered",
        delivered_on=yesterday)  # fmt: skip
    add(session, action, title="dropped", due_on=yesterday, status="dropped")
    add(session, action, title="undated")

    everything = client.get(url(action), headers=admin_headers).json()["items"]
    overdue = client.get(url(action), params={"overdue": "true"}, headers=admin_headers)
    on_time = client.get(url(action), params={"overdue": "false"}, headers=admin_headers)

    flags = {d["title"]: d["overdue"] for d in everything}
    assert flags == {
        "late": True, "late2": True, "today": False, "delivered": False, "dropped": False,
        "undated": False,
    }  # fmt: skip
    assert {d["id"] for d in overdue.json()["items"]} == {str(late.id), str(late_started.id)}
    assert {d["title"] for d in on_time.json()["items"]} == {
        "today", "delivered", "dropped", "undated"
    }  # fmt: skip
    single = client.get(f"/api/v1/deliverables/{late.id}", headers=admin_headers).json()
    assert single["overdue"] is True


def test_list_orders_by_due_date_undated_last_and_pages(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = an_action(session, make_committee(session))
    start = today() + timedelta(days=10)
    add(session, action, title="undated A")
    for n in range(4):
        add(session, action, title=f"d{n}", due_on=start - timedelta(days=n))
    add(session, action, title="undated B")

    titles: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get(url(action), params=params, headers=admin_headers).json()
        titles += [d["title"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert titles[:4] == ["d3", "d2", "d1", "d0"]
    assert sorted(titles[4:]) == ["undated A", "undated B"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "delivered"}, "delivered_on"),
        ({"status": "planned", "delivered_on": "2024-01-01"}, "delivered_on"),
        ({"status": "delivered", "delivered_on": "2999-01-01"}, "delivered_on"),
        ({"link": "ftp://example.org/x"}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"kind": "poster"}, "kind"),
        ({"title": ""}, "title"),
    ],
)
def test_create_refuses_bad_input(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    body: dict[str, Any],
    field: str,
) -> None:
    action = an_action(session, make_committee(session))

    response = client.post(
        url(action), json={"title": "Guide", "kind": "report"} | body, headers=admin_headers
    )

    problem = assert_problem(response, 422, "validation-error")
    assert field in {str(p) for e in problem["errors"] for p in e["loc"]}


def test_delivering_then_reopening_clears_the_delivery_date(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    deliverable = add(session, an_action(session, make_committee(session)))
    path = f"/api/v1/deliverables/{deliverable.id}"

    delivered = client.patch(
        path,
        json={"status": "delivered", "delivered_on": str(today())},
        headers=editing(client, path, admin_headers),
    )
    reopened = client.patch(
        path, json={"status": "in_progress"}, headers=editing(client, path, admin_headers)
    )

    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["delivered_on"] == str(today())
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["delivered_on"] is None
    assert reopened.headers["ETag"] == '"3"'
    assert session.get(Deliverable, deliverable.id).delivered_on is None  # type: ignore[union-attr]


def test_a_stale_etag_is_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    deliverable = add(session, an_action(session, make_committee(session)))

    response = client.patch(
        f"/api/v1/deliverables/{deliverable.id}",
        json={"title": "Autre"},
        headers=admin_headers | {"If-Match": '"7"'},
    )

    assert_problem(response, 412, "precondition-failed")


@pytest.mark.parametrize("status", ["validated", "in_progress"])
def test_a_validated_programme_locks_the_definition_but_not_the_progress(
    client: TestClient, session: Session, admin_headers: dict[str, str], status: str
) -> None:
    action = an_action(session, make_committee(session), status=status)
    deliverable = add(session, action, title="Guide", due_on=today())
    path = f"/api/v1/deliverables/{deliverable.id}"

    created = client.post(url(action), json={"title": "X", "kind": "event"}, headers=admin_headers)
    retitled = client.patch(
        path, json={"title": "Autre"}, headers=editing(client, path, admin_headers)
    )
    redated = client.patch(
        path, json={"due_on": "2030-01-01"}, headers=editing(client, path, admin_headers)
    )
    deleted = client.delete(path, headers=editing(client, path, admin_headers))
    progress = client.patch(
        path,
        json={"title": "Guide", "status": "in_progress", "link": "https://example.org/g"},
        headers=editing(client, path, admin_headers),
    )

    for refused in (created, retitled, redated, deleted):
        assert_problem(refused, 409, "conflict")
    assert progress.status_code == 200, progress.text
    stored = session.get(Deliverable, deliverable.id)
    assert stored is not None
    assert (stored.title, stored.status, stored.due_on) == ("Guide", "in_progress", today())


def test_a_closed_programme_refuses_progress_too(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    deliverable = add(session, an_action(session, make_committee(session), status="closed"))

    response = client.patch(
        f"/api/v1/deliverables/{deliverable.id}",
        json={"status": "in_progress"},
        headers=editing(client, f"/api/v1/deliverables/{deliverable.id}", admin_headers),
    )

    assert_problem(response, 409, "conflict")


def test_delete_removes_it_while_draft(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    deliverable = add(session, an_action(session, make_committee(session)))

    response = client.delete(
        f"/api/v1/deliverables/{deliverable.id}",
        headers=editing(client, f"/api/v1/deliverables/{deliverable.id}", admin_headers),
    )

    assert response.status_code == 204
    session.expire_all()
    assert session.get(Deliverable, deliverable.id) is None


def test_anonymous_reads_only_published_programmes_of_public_committees(
    client: TestClient, session: Session
) -> None:
    public, private = make_committee(session), make_committee(session, is_public=False)
    shown = add(session, an_action(session, public, "validated"))
    draft = add(session, an_action(session, public, "draft"))
    hidden = add(session, an_action(session, private, "validated"))

    assert client.get(f"/api/v1/deliverables/{shown.id}").status_code == 200
    assert_problem(client.get(f"/api/v1/deliverables/{draft.id}"), 404)
    assert_problem(client.get(f"/api/v1/deliverables/{hidden.id}"), 404)
    assert_problem(client.patch(f"/api/v1/deliverables/{shown.id}", json={}), 401)


def test_committee_list_shows_drafts_only_to_the_committee(
    client: TestClient, session: Session
) -> None:
    committee, other = make_committee(session), make_committee(session)
    yesterday = today() - timedelta(days=1)
    published = add(session, an_action(session, committee, "in_progress"), due_on=yesterday)
    draft = add(session, an_action(session, committee, "proposed"), due_on=yesterday)
    add(session, an_action(session, committee, "in_progress"), due_on=today())
    add(session, an_action(session, other, "in_progress"), due_on=yesterday)
    member = make_user(session, role=Role.member, committee=committee)
    outsider = make_user(session, role=Role.committee_admin, committee=other)
    path = f"/api/v1/committees/{committee.id}/deliverables"

    def overdue_ids(headers: dict[str, str]) -> set[str]:
        response = client.get(path, params={"overdue": "true"}, headers=headers)
        assert response.status_code == 200, response.text
        return {d["id"] for d in response.json()["items"]}

    assert overdue_ids(auth(member)) == {str(published.id), str(draft.id)}
    assert overdue_ids(auth(outsider)) == {str(published.id)}
    assert overdue_ids({}) == {str(published.id)}
    planned = client.get(path, params={"status": "delivered"}, headers=auth(member))
    assert planned.json()["items"] == []
