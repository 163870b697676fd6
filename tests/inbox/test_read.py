"""Read state: PUT/DELETE …/inbox/{kind}/{item_id}/read and POST …/inbox/read-all.

Each actual change writes one outbox event; a no-op or a refusal writes none."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today, utcnow
from api.inbox.models import InboxRead
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.hcts.factories import insert_publication, make_call, make_relay
from tests.inbox.factories import make_update
from tests.outbox import no_event, one_event
from tests.seminars.factories import make_seminar


def _inbox(committee: Committee) -> str:
    return f"/api/v1/committees/{committee.id}/inbox"


def _item(committee: Committee, kind: str, item_id: Any) -> str:
    return f"{_inbox(committee)}/{kind}/{item_id}/read"


def _admin(session: Session, committee: Committee) -> User:
    return make_user(session, role=Role.committee_admin, committee=committee)


def _items(client: TestClient, committee: Committee, headers: dict[str, str]) -> list[Any]:
    response = client.get(_inbox(committee), headers=headers)
    assert response.status_code == 200, response.text
    items: list[Any] = response.json()["items"]
    return items


def test_marking_read_shows_read_and_writes_one_event(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    admin = _admin(session, committee)
    headers = auth(admin)
    call = make_call(session)
    before = utcnow()

    with one_event(session, "inbox.read") as written:
        response = client.put(_item(committee, "call", call.id), headers=headers)

    assert response.status_code == 204, response.text
    assert response.content == b""
    [event] = written.events
    assert event.committee_id == committee.id
    assert event.payload == {"kind": "call", "item_id": str(call.id)}
    [item] = _items(client, committee, headers)
    assert item["read"] is True
    assert datetime.fromisoformat(item["read_at"]) >= before - timedelta(seconds=1)
    stored = session.exec(select(InboxRead).where(InboxRead.item_id == call.id)).one()
    assert (stored.committee_id, stored.kind, stored.read_by) == (committee.id, "call", admin.id)


def test_marking_read_again_changes_nothing_and_writes_no_event(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    headers = auth(_admin(session, committee))
    seminar = make_seminar(session)
    url = _item(committee, "seminar", seminar.id)
    assert client.put(url, headers=headers).status_code == 204
    [first] = _items(client, committee, headers)

    with no_event(session):
        response = client.put(url, headers=headers)

    assert response.status_code == 204, response.text
    assert _items(client, committee, headers) == [first]


def test_read_state_belongs_to_each_committee(client: TestClient, session: Session) -> None:
    committee, other = make_committee(session), make_committee(session)
    publication = insert_publication(session)
    headers = auth(_admin(session, committee))
    assert (
        client.put(_item(committee, "publication", publication.id), headers=headers).status_code
        == 204
    )

    [theirs] = _items(client, other, auth(_admin(session, other)))

    assert (theirs["item_id"], theirs["read"], theirs["read_at"]) == (
        str(publication.id),
        False,
        None,
    )


def test_marking_unread_writes_one_event_then_none(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = auth(_admin(session, committee))
    update = make_update(session, committee=committee, to_status="taken_up")
    url = _item(committee, "contribution_update", update.id)
    assert client.put(url, headers=headers).status_code == 204

    with one_event(session, "inbox.unread") as written:
        response = client.delete(url, headers=headers)

    assert response.status_code == 204, response.text
    assert written.events[0].payload == {"kind": "contribution_update", "item_id": str(update.id)}
    assert written.events[0].committee_id == committee.id
    [item] = _items(client, committee, headers)
    assert (item["read"], item["read_at"]) == (False, None)
    with no_event(session):
        again = client.delete(url, headers=headers)
    assert again.status_code == 204, again.text


def _not_in_inbox(session: Session, committee: Committee) -> list[tuple[str, uuid.UUID]]:
    """(kind, item_id) pairs that are not in the committee's inbox now."""
    relayed = insert_publication(session)
    make_relay(session, publication=relayed, committee=committee)
    return [
        ("publication", uuid.uuid4()),
        ("publication", relayed.id),
        ("publication", insert_publication(session, status="draft").id),
        ("seminar", make_call(session).id),  # a real id, of another kind
        ("call", make_call(session, deadline=today() - timedelta(days=1)).id),
        ("seminar", make_seminar(session, starts_at=utcnow() - timedelta(minutes=1)).id),
        ("contribution_update", make_update(session, committee=make_committee(session)).id),
    ]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_an_item_not_in_the_inbox_is_a_404_and_writes_no_event(
    client: TestClient, session: Session, method: str
) -> None:
    committee = make_committee(session)
    headers = auth(_admin(session, committee))

    for kind, item_id in _not_in_inbox(session, committee):
        with no_event(session):
            response = client.request(method, _item(committee, kind, item_id), headers=headers)
        assert_problem(response, 404, "not-found")
    assert session.exec(select(InboxRead)).all() == []


def test_an_unknown_kind_is_a_422(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = auth(_admin(session, committee))

    with no_event(session):
        response = client.put(_item(committee, "newsletter", uuid.uuid4()), headers=headers)

    body = assert_problem(response, 422, "validation-error")
    assert [e["loc"] for e in body["errors"]] == [["path", "kind"]]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_a_member_may_not_mark_items_and_writes_no_event(
    client: TestClient, session: Session, method: str
) -> None:
    committee = make_committee(session, is_public=False)
    call = make_call(session)
    member = auth(make_user(session, role=Role.member, committee=committee))
    stranger = auth(_admin(session, make_committee(session)))
    url = _item(committee, "call", call.id)

    with no_event(session):
        assert_problem(client.request(method, url, headers=member), 403, "forbidden")
        assert_problem(client.request(method, url, headers=stranger), 404, "not-found")
        assert_problem(client.request(method, url), 401)


def test_read_all_marks_every_unread_item_with_one_event(
    client: TestClient, session: Session
) -> None:
    committee, other = make_committee(session), make_committee(session)
    admin = _admin(session, committee)
    headers = auth(admin)
    call = make_call(session)
    insert_publication(session)
    make_seminar(session)
    make_update(session, committee=committee)
    make_update(session, committee=other)
    assert client.put(_item(committee, "call", call.id), headers=headers).status_code == 204

    with one_event(session, "inbox.read") as written:
        response = client.post(f"{_inbox(committee)}/read-all", headers=headers)

    assert response.status_code == 200, response.text
    assert response.json() == {"marked": 3}
    assert written.events[0].payload == {"count": 3}
    assert written.events[0].committee_id == committee.id
    items = _items(client, committee, headers)
    assert len(items) == 4
    assert all(item["read"] and item["read_at"] for item in items)
    rows = session.exec(select(InboxRead).where(InboxRead.committee_id == committee.id)).all()
    assert {row.read_by for row in rows} == {admin.id}
    theirs = _items(client, other, auth(_admin(session, other)))
    assert [item["read"] for item in theirs] == [False] * 4


def test_read_all_with_nothing_unread_marks_none_and_writes_no_event(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    headers = auth(_admin(session, committee))
    make_call(session)
    assert client.post(f"{_inbox(committee)}/read-all", headers=headers).json() == {"marked": 1}

    with no_event(session):
        response = client.post(f"{_inbox(committee)}/read-all", headers=headers)

    assert response.status_code == 200, response.text
    assert response.json() == {"marked": 0}


def test_read_all_is_refused_to_members_without_an_event(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    make_call(session)
    member = auth(make_user(session, role=Role.member, committee=committee))

    with no_event(session):
        response = client.post(f"{_inbox(committee)}/read-all", headers=member)

    assert_problem(response, 403, "forbidden")
    assert session.exec(select(InboxRead)).all() == []


def test_network_admins_mark_any_committees_inbox(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session, is_public=False)
    seminar = make_seminar(session)

    with one_event(session, "inbox.read"):
        response = client.put(_item(committee, "seminar", seminar.id), headers=admin_headers)

    assert response.status_code == 204, response.text
    assert _items(client, committee, admin_headers)[0]["read"] is True
