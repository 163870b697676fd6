"""GET /changes: what each caller reads of it, its cursor, its filters."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.changes.catalogue import NETWORK_TYPES, PERSON_TYPES, READ_BY
from api.memberships.service import has_membership
from api.outbox.service import emit
from tests.changes.factories import events_in
from tests.factories import auth
from tests.permissions.world import CALLERS, World

URL = "/api/v1/changes"
P = {permission.value: types[0] for permission, types in READ_BY.items()}
MEMBER = {P["bodies:read"], P["meetings:read"], P["committee:read"]}
ADMIN = MEMBER | {*P.values(), "person.created"}
NETWORK = {NETWORK_TYPES[0]}
# A machine client's scopes (members:read) and binding (committee:read).
CLIENT = {P["members:read"], P["bodies:read"], P["committee:read"], "person.created"}

# caller -> (types read of the own committee, of the foreign one, of the network's)
SEES: dict[str, tuple[set[str], set[str], set[str]]] = {
    "network_admin": (ADMIN, ADMIN, NETWORK),
    "admin_own": (ADMIN, set(), set()),
    "admin_foreign": (set(), ADMIN, set()),
    "member_own": (MEMBER, set(), set()),
    "member_foreign": (set(), MEMBER, set()),
    "client_own": (CLIENT, set(), set()),
    "client_foreign": (set(), CLIENT, set()),
    "client_noscope": ({P["committee:read"]}, set(), set()),
}


def _drain(client: TestClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        page = client.get(URL, params=query, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["next_cursor"]
        items += body["items"]
        if not body["items"]:
            return items
        cursor = body["next_cursor"]


@pytest.mark.parametrize("caller", [c for c in CALLERS if c != "anonymous"])
def test_each_caller_reads_what_they_may(client: TestClient, world: World, caller: str) -> None:
    events_in(world.session, world.own)
    events_in(world.session, world.foreign)
    items = _drain(client, world.headers(caller), limit=3)
    own, foreign, network = SEES[caller]
    by = {"own": set(), "foreign": set(), "network": set()}
    for item in items:
        if item["type"] in PERSON_TYPES:
            # A person's event has no committee: which one is the person's term.
            key = "own" if _term_in(world, item, world.own.id) else "foreign"
        elif item["committee_id"] is None:
            key = "network"
        else:
            key = "own" if item["committee_id"] == str(world.own.id) else "foreign"
        by[key].add(item["type"])
    assert (by["own"], by["foreign"], by["network"]) == (own, foreign, network)
    assert len({i["id"] for i in items}) == len(items)


def _term_in(world: World, item: dict[str, Any], committee_id: Any) -> bool:
    return has_membership(
        world.session, person_id=uuid.UUID(item["payload"]["person_id"]), committee_id=committee_id
    )


def test_anonymous_callers_get_a_401(client: TestClient) -> None:
    response = client.get(URL)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_the_cursor_resumes_after_the_last_change_and_polls(
    client: TestClient, world: World, session: Session
) -> None:
    headers = auth(world.users["network_admin"])
    first = client.get(URL, headers=headers).json()
    cursor = first["next_cursor"]
    # Caught up: an empty page still gives where to poll from.
    empty = client.get(URL, params={"cursor": cursor}, headers=headers).json()
    assert empty["items"] == []
    assert empty["next_cursor"]
    for n in range(3):
        emit(session, "body.created", committee_id=world.own.id, payload={"n": n})
    session.flush()
    page = client.get(URL, params={"cursor": empty["next_cursor"], "limit": 2}, headers=headers)
    assert [i["payload"] for i in page.json()["items"]] == [{"n": 0}, {"n": 1}]
    rest = client.get(URL, params={"cursor": page.json()["next_cursor"]}, headers=headers)
    assert [i["payload"] for i in rest.json()["items"]] == [{"n": 2}]


def test_types_filter(client: TestClient, world: World) -> None:
    events_in(world.session, world.own)
    headers = auth(world.users["admin_own"])
    params = {"types": ["membership.created", "body.created"]}
    items = _drain(client, headers, **params)
    assert {i["type"] for i in items} == {"membership.created", "body.created"}


@pytest.mark.parametrize(
    "params", [{"types": "no.such.type"}, {"cursor": "not-a-cursor"}, {"limit": "501"}]
)
def test_bad_parameters_are_a_422(client: TestClient, world: World, params: dict[str, str]) -> None:
    response = client.get(URL, params=params, headers=auth(world.users["network_admin"]))
    assert response.status_code == 422, response.text
