"""GET /committees/{id}/inbox: what is in it, in which order, page by page."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today, utcnow
from tests.assertions import assert_problem, item_ids
from tests.contributions.factories import insert_contribution, make_transition
from tests.database import count_statements
from tests.factories import auth, make_committee, make_user
from tests.hcts.factories import insert_publication, make_call, make_relay
from tests.inbox.factories import make_update
from tests.seminars.factories import make_seminar


def _url(committee: Committee) -> str:
    return f"/api/v1/committees/{committee.id}/inbox"


def _headers(session: Session, committee: Committee) -> dict[str, str]:
    return auth(make_user(session, role=Role.committee_admin, committee=committee))


def _get(client: TestClient, session: Session, committee: Committee, **params: Any) -> Any:
    response = client.get(_url(committee), params=params, headers=_headers(session, committee))
    assert response.status_code == 200, response.text
    return response.json()


def _ago(minutes: int) -> datetime:
    return utcnow() - timedelta(minutes=minutes)


def test_each_kind_appears_with_the_ids_that_open_it(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    publication = insert_publication(session, at=_ago(1))
    call = make_call(session, at=_ago(2))
    contribution = insert_contribution(session, committee=committee)
    update = make_transition(session, contribution=contribution, to_status="answered", at=_ago(3))
    seminar = make_seminar(session, at=_ago(4))

    items = _get(client, session, committee)["items"]

    blank: dict[str, Any] = {"publication_id": None, "call_id": None, "contribution_id": None}
    blank |= {"seminar_id": None, "to_status": None, "read": False, "read_at": None}
    expected: list[tuple[str, uuid.UUID, str, dict[str, Any]]] = [
        ("publication", publication.id, publication.title, {"publication_id": publication.id}),
        ("call", call.id, call.title, {"call_id": call.id}),
        (
            "contribution_update",
            update.id,
            contribution.title,
            {"contribution_id": contribution.id, "to_status": "answered"},
        ),
        ("seminar", seminar.id, seminar.title, {"seminar_id": seminar.id}),
    ]
    assert [{k: v for k, v in i.items() if k != "occurred_at"} for i in items] == [
        blank
        | {"kind": kind, "item_id": str(item_id), "title": title}
        | {k: v if k == "to_status" else str(v) for k, v in ids.items()}
        for kind, item_id, title, ids in expected
    ]
    assert datetime.fromisoformat(items[0]["occurred_at"]) == publication.published_at


def test_a_publication_leaves_once_the_committee_relays_it(
    client: TestClient, session: Session
) -> None:
    committee, other = make_committee(session), make_committee(session)
    publication = insert_publication(session)
    assert item_ids(_get(client, session, committee), "item_id") == [str(publication.id)]

    make_relay(session, publication=publication, committee=other)
    assert item_ids(_get(client, session, committee), "item_id") == [str(publication.id)]

    make_relay(session, publication=publication, committee=committee)
    assert item_ids(_get(client, session, committee), "item_id") == []
    assert item_ids(_get(client, session, other), "item_id") == []


def test_a_draft_publication_never_appears(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    insert_publication(session, status="draft")

    assert _get(client, session, committee)["items"] == []


def test_a_call_stays_until_the_end_of_its_deadline(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    last_day = make_call(session, deadline=today())
    make_call(session, deadline=today() - timedelta(days=1))

    assert item_ids(_get(client, session, committee), "item_id") == [str(last_day.id)]


def test_a_seminar_leaves_once_it_has_started(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    upcoming = make_seminar(session, starts_at=utcnow() + timedelta(hours=1))
    make_seminar(session, starts_at=utcnow() - timedelta(hours=1))

    assert item_ids(_get(client, session, committee), "item_id") == [str(upcoming.id)]


def test_only_hcts_moves_on_the_committees_own_contributions_appear(
    client: TestClient, session: Session
) -> None:
    committee, other = make_committee(session), make_committee(session)
    own = insert_contribution(session, committee=committee)
    make_transition(session, contribution=own, to_status="submitted", from_status="draft")
    moves = [
        make_transition(session, contribution=own, to_status=status, at=_ago(n))
        for n, status in enumerate(("acknowledged", "taken_up", "answered", "declined"), 1)
    ]
    make_update(session, committee=other, to_status="answered")

    body = _get(client, session, committee)

    assert item_ids(body, "item_id") == [str(move.id) for move in moves]
    assert [i["to_status"] for i in body["items"]] == [m.to_status for m in moves]
    assert {i["contribution_id"] for i in body["items"]} == {str(own.id)}


def test_items_are_newest_first_across_kinds(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    made: list[Any] = [
        make_seminar(session, at=_ago(50)),
        make_call(session, at=_ago(40)),
        make_update(session, committee=committee, at=_ago(30)),
        insert_publication(session, at=_ago(20)),
        make_seminar(session, at=_ago(10)),
        make_call(session, at=_ago(5)),
    ]

    assert item_ids(_get(client, session, committee), "item_id") == [
        str(m.id) for m in reversed(made)
    ]


def test_a_cursor_walks_every_item_once_newest_first(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    same_time = _ago(3)  # ties are broken by item id
    made: list[Any] = [
        insert_publication(session, at=same_time),
        make_call(session, at=same_time),
        make_seminar(session, at=same_time),
        make_update(session, committee=committee, at=_ago(2)),
        make_call(session, at=_ago(1)),
        insert_publication(session, at=_ago(4)),
        make_seminar(session, at=_ago(5)),
    ]
    headers = _headers(session, committee)
    expected = item_ids(_get(client, session, committee), "item_id")

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        response = client.get(_url(committee), params=params, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += item_ids(body, "item_id")
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert seen == expected
    assert sorted(seen) == sorted(str(m.id) for m in made)
    occurred = [
        datetime.fromisoformat(i["occurred_at"]) for i in _get(client, session, committee)["items"]
    ]
    assert occurred == sorted(occurred, reverse=True)


def test_filters_by_kind_and_by_read_state(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = _headers(session, committee)
    call, seminar = make_call(session, at=_ago(2)), make_seminar(session, at=_ago(1))
    publication = insert_publication(session, at=_ago(3))
    read = client.put(f"{_url(committee)}/call/{call.id}/read", headers=headers)
    assert read.status_code == 204, read.text

    def ids(**params: Any) -> list[str]:
        return item_ids(client.get(_url(committee), params=params, headers=headers), "item_id")

    assert ids(kind="call") == [str(call.id)]
    assert ids(kind="seminar") == [str(seminar.id)]
    assert ids(kind="contribution_update") == []
    assert ids(unread="true") == [str(seminar.id), str(publication.id)]
    assert ids(unread="false") == [str(call.id)]
    assert ids(unread="true", kind="call") == []


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"kind": "newsletter"}, ["query", "kind"]),
        ({"unread": "maybe"}, ["query", "unread"]),
        ({"cursor": "not-a-cursor"}, ["query", "cursor"]),
        ({"limit": 0}, ["query", "limit"]),
    ],
)
def test_invalid_query_parameters_are_a_422(
    client: TestClient, session: Session, params: dict[str, Any], loc: list[str]
) -> None:
    committee = make_committee(session)

    response = client.get(_url(committee), params=params, headers=_headers(session, committee))

    body = assert_problem(response, 422, "validation-error")
    assert [e["loc"] for e in body["errors"]] == [loc]


def test_members_may_not_read_the_inbox_and_strangers_do_not_see_it(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    member = auth(make_user(session, role=Role.member, committee=committee))
    stranger = auth(
        make_user(session, role=Role.committee_admin, committee=make_committee(session))
    )

    assert_problem(client.get(_url(committee), headers=member), 403, "forbidden")
    assert_problem(client.get(_url(committee), headers=stranger), 404, "not-found")
    unknown = f"/api/v1/committees/{uuid.uuid4()}/inbox"
    assert_problem(client.get(unknown, headers=_headers(session, committee)), 404, "not-found")


def test_a_page_is_one_statement_whatever_its_size(
    client: TestClient, session: Session, connection: Connection
) -> None:
    committee = make_committee(session)
    headers = _headers(session, committee)
    for n in range(6):
        insert_publication(session, at=_ago(n))
        make_call(session, at=_ago(n))
        make_seminar(session, at=_ago(n))
        make_update(session, committee=committee, at=_ago(n))
    made_read = client.post(f"{_url(committee)}/read-all", headers=headers)
    assert made_read.json() == {"marked": 24}
    with count_statements(connection) as statements:
        counts = []
        for limit in (2, 20):
            statements.clear()
            response = client.get(_url(committee), params={"limit": limit}, headers=headers)
            assert len(response.json()["items"]) == limit
            counts.append(len(statements))
            pages = [s for s in statements if "inbox_reads" in s]

    assert counts[0] == counts[1]
    assert len(pages) == 1, pages
    assert pages[0].count("UNION ALL") == 3
    for table in ("hcts_publications", "hcts_calls", "contribution_transitions", "seminars"):
        assert table in pages[0]
