"""SCIM through the app: filters in SQL (each operator, combinations, a bad one), paging,
sorting, PATCH, If-Match, bindings and scopes, and the outbox events its writes emit."""

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth.permissions import ClientScope
from api.memberships.models import Membership
from api.outbox.models import OutboxEvent
from tests.factories import client_auth, make_client, make_committee
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

EXT = "urn:ietf:params:scim:schemas:extension:ancrage:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def _world(session: Session) -> tuple[Any, dict[str, str], list[Any]]:
    committee = make_committee(session)
    people = [
        make_person(session, first_name=first, last_name=last, email=email, category=category)
        for first, last, email, category in [
            ("Alice", "Martin", "alice@example.org", "student"),
            ("Bruno", "Durand", None, "manager"),
            ("Chloé", "Bernard", "chloe@example.org", "student"),
        ]
    ]
    for person in people:
        make_membership(session, committee=committee, person=person)
    client_id, _ = make_client(
        session, ClientScope.members_read, ClientScope.members_write, committees=[committee]
    )
    return committee, client_auth(client_id), people


def _names(client: TestClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = client.get("/scim/v2/Users", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/scim+json")
    return [r["name"]["familyName"] for r in response.json()["Resources"]]


def test_filters_are_sql_conditions(client: TestClient, session: Session) -> None:
    _, headers, _ = _world(session)
    assert _names(client, headers, filter='name.familyName eq "martin"') == ["Martin"]
    assert _names(client, headers, filter='name.familyName ne "Martin"') == ["Bernard", "Durand"]
    assert _names(client, headers, filter='name.givenName co "ru"') == ["Durand"]
    assert _names(client, headers, filter='name.familyName sw "Be"') == ["Bernard"]
    assert _names(client, headers, filter='emails.value ew "example.org"') == ["Bernard", "Martin"]
    assert _names(client, headers, filter="emails pr") == ["Bernard", "Martin"]
    assert _names(client, headers, filter='meta.lastModified gt "2000-01-01T00:00:00Z"') == [
        "Bernard", "Durand", "Martin",
    ]  # fmt: skip
    assert _names(client, headers, filter='meta.lastModified lt "2000-01-01T00:00:00Z"') == []
    assert _names(client, headers, filter='meta.created ge "2000-01-01T00:00:00Z"') != []
    assert _names(client, headers, filter='meta.created le "2000-01-01T00:00:00Z"') == []
    category = f'{EXT}:category eq "student"'
    assert _names(client, headers, filter=f'{category} and not (emails.value co "alice")') == [
        "Bernard"
    ]
    either = '(name.familyName eq "Durand" or name.familyName eq "Martin") and emails pr'
    assert _names(client, headers, filter=either) == ["Martin"]
    assert _names(client, headers, filter='emails[value sw "chloe"]') == ["Bernard"]


def test_a_bad_filter_is_invalid_filter(client: TestClient, session: Session) -> None:
    _, headers, _ = _world(session)
    for text in ["userName eq", 'nickName eq "x"', 'meta.lastModified gt "yesterday"']:
        response = client.get("/scim/v2/Users", params={"filter": text}, headers=headers)
        assert response.status_code == 400, (text, response.text)
        body = response.json()
        assert body["scimType"] == "invalidFilter"
        assert body["status"] == "400"
        assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


def test_paging_and_sorting(client: TestClient, session: Session) -> None:
    _, headers, _ = _world(session)
    page = client.get("/scim/v2/Users", params={"startIndex": 2, "count": 1}, headers=headers)
    assert page.json()["totalResults"] == 3
    assert page.json()["startIndex"] == 2
    assert [r["name"]["familyName"] for r in page.json()["Resources"]] == ["Durand"]
    descending = {"sortBy": "name.givenName", "sortOrder": "descending"}
    assert _names(client, headers, **descending) == ["Bernard", "Durand", "Martin"]


def test_patch_with_paths_and_value_filters_and_if_match(
    client: TestClient, session: Session
) -> None:
    _, headers, people = _world(session)
    url = f"/scim/v2/Users/{people[0].id}"
    version = client.get(url, headers=headers).headers["ETag"]
    operations = [
        {"op": "replace", "path": 'emails[value eq "alice@example.org"].value',
         "value": "alice.martin@example.org"},
        {"op": "add", "path": "name.givenName", "value": "Alicia"},
        {"op": "remove", "path": f"{EXT}:category"},
    ]  # fmt: skip
    body = {"schemas": [PATCH], "Operations": operations}
    stale = client.patch(url, json=body, headers=headers | {"If-Match": 'W/"999"'})
    assert stale.status_code == 412, stale.text
    done = client.patch(url, json=body, headers=headers | {"If-Match": version})
    assert done.status_code == 200, done.text
    user = done.json()
    assert user["emails"] == [{"value": "alice.martin@example.org"}]
    assert user["name"]["givenName"] == "Alicia"
    assert "category" not in user[EXT]
    assert done.headers["ETag"] != version
    events = session.exec(
        select(OutboxEvent).where(col(OutboxEvent.person_id) == people[0].id)
    ).all()
    assert any(e.type == "person.updated" and e.by_client_id is not None for e in events)


def test_create_and_delete_emit_events_attributed_to_the_client(
    client: TestClient, session: Session
) -> None:
    committee, headers, _ = _world(session)
    created = client.post(
        "/scim/v2/Users",
        json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "dupont",
              "name": {"givenName": "Jean", "familyName": "Dupont"}},
        headers=headers,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    user = created.json()
    assert user[EXT]["committee"] == str(committee.id)
    gone = client.delete(f"/scim/v2/Users/{user['id']}", headers=headers)
    assert gone.status_code == 204
    assert client.get(f"/scim/v2/Users/{user['id']}", headers=headers).status_code == 404
    types = [
        e.type
        for e in session.exec(select(OutboxEvent).where(col(OutboxEvent.by_client_id).is_not(None)))
    ]
    assert {"person.created", "membership.created", "membership.ended"} <= set(types)


def test_groups_are_bodies_and_their_members(client: TestClient, session: Session) -> None:
    _, headers, people = _world(session)
    created = client.post(
        "/scim/v2/Groups",
        json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "COPIL",
              "members": [{"value": str(people[1].id)}]},
        headers=headers,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    group = created.json()
    assert [m["value"] for m in group["members"]] == [str(people[1].id)]
    removed = client.patch(
        f"/scim/v2/Groups/{group['id']}",
        json={"schemas": [PATCH], "Operations": [
            {"op": "remove", "path": f'members[value eq "{people[1].id}"]'}]},
        headers=headers,
    )  # fmt: skip
    assert removed.status_code == 200, removed.text
    assert "members" not in removed.json()


def test_bindings_and_scopes(client: TestClient, session: Session) -> None:
    committee, _, people = _world(session)  # in Ardèche (07)
    group = client.post(
        "/scim/v2/Groups",
        json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "COPIL"},
        headers=_world_headers(session, committee),
    ).json()
    drome = make_committee(session, department_codes=["26"])
    both = (ClientScope.members_read, ClientScope.members_write)
    of_07, _ = make_client(session, *both, department_code="07")
    of_26, _ = make_client(session, *both, department_code="26")
    assert _names(client, client_auth(of_07)) == ["Bernard", "Durand", "Martin"]
    foreign = client_auth(of_26)
    assert client.get(f"/scim/v2/Users/{people[0].id}", headers=foreign).status_code == 404
    assert client.get(f"/scim/v2/Groups/{group['id']}", headers=foreign).status_code == 404
    change = {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "displayName",
                                                   "value": "x"}]}  # fmt: skip
    assert (
        client.patch(f"/scim/v2/Groups/{group['id']}", json=change, headers=foreign).status_code
        == 404
    )
    assert client.delete(f"/scim/v2/Users/{people[0].id}", headers=foreign).status_code == 404
    assert _names(client, foreign) == []
    assert client.get("/scim/v2/Groups", headers=foreign).json()["totalResults"] == 0
    reader_id, _ = make_client(session, ClientScope.members_read, committees=[drome])
    refused = client.post("/scim/v2/Users", json={}, headers=client_auth(reader_id))
    assert refused.status_code == 403
    assert refused.json()["status"] == "403"
    stats_id, _ = make_client(session, ClientScope.stats_read, committees=[drome])
    assert client.get("/scim/v2/Users", headers=client_auth(stats_id)).status_code == 403
    assert client.get("/scim/v2/Users").status_code == 401


def _world_headers(session: Session, committee: Any) -> dict[str, str]:
    client_id, _ = make_client(
        session, ClientScope.members_read, ClientScope.members_write, committees=[committee]
    )
    return client_auth(client_id)


def test_a_network_admin_names_the_committee(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee, _, _ = _world(session)
    user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "NDiaye",
            "name": {"givenName": "Awa", "familyName": "Ndiaye"}}  # fmt: skip
    unnamed = client.post("/scim/v2/Users", json=user, headers=admin_headers)
    assert unnamed.status_code == 400
    assert unnamed.json()["scimType"] == "invalidValue"
    named = user | {EXT: {"committee": str(committee.id), "role": "titular"}}
    created = client.post("/scim/v2/Users", json=named, headers=admin_headers)
    assert created.status_code == 201, created.text
    assert created.json()[EXT]["role"] == "titular"
    clash = client.post(
        "/scim/v2/Users", json=named | {"userName": "ndiaye"}, headers=admin_headers
    )
    assert clash.status_code == 409
    assert clash.json()["scimType"] == "uniqueness"
    committee_admin = client.get("/scim/v2/Users", headers=admin_headers)
    assert committee_admin.json()["totalResults"] == 4


def test_terms_on_request_and_attribute_selection(client: TestClient, session: Session) -> None:
    committee, headers, people = _world(session)
    url = f"/scim/v2/Users/{people[0].id}"
    plain = client.get(url, headers=headers).json()
    assert "terms" not in plain[EXT]
    asked = client.get(url, params={"attributes": f"userName,{EXT}:terms"}, headers=headers)
    assert asked.status_code == 200, asked.text
    (term,) = asked.json()[EXT]["terms"]
    assert term["committee"] == str(committee.id)
    assert term["role"] == "member"
    assert "name" not in asked.json()
    lean = client.get(url, params={"excludedAttributes": "emails,name"}, headers=headers).json()
    assert "emails" not in lean
    assert lean["userName"] == "alice@example.org"


def test_put_replaces_and_sets_the_role(client: TestClient, session: Session) -> None:
    _, headers, people = _world(session)
    url = f"/scim/v2/Users/{people[1].id}"
    current = client.get(url, headers=headers).json()
    replaced = current | {
        "userName": "bdurand",
        "phoneNumbers": [{"value": "04 75 00 00 00"}],
        EXT: current[EXT] | {"role": "substitute", "category": "volunteer"},
    }
    answer = client.put(
        url, json=replaced, headers=headers | {"If-Match": current["meta"]["version"]}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["userName"] == "bdurand"
    assert body[EXT]["role"] == "substitute"
    assert body[EXT]["category"] == "volunteer"
    stale = client.put(
        url, json=replaced, headers=headers | {"If-Match": current["meta"]["version"]}
    )
    assert stale.status_code == 412
    assert stale.json()["status"] == "412"
    kinds = {e.type for e in session.exec(select(OutboxEvent))}
    assert {"person.updated", "membership.updated"} <= kinds


def test_group_writes_emit_body_and_membership_events(client: TestClient, session: Session) -> None:
    committee, headers, people = _world(session)
    group_schemas = [
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "urn:ietf:params:scim:schemas:extension:ancrage:2.0:Group",
    ]
    created = client.post(
        "/scim/v2/Groups",
        json={"schemas": group_schemas, "displayName": "COTECH",
              "urn:ietf:params:scim:schemas:extension:ancrage:2.0:Group": {"kind": "cotech"}},
        headers=headers,
    ).json()  # fmt: skip
    assert created.get(group_schemas[1], {}).get("kind") == "cotech", created
    url = f"/scim/v2/Groups/{created['id']}"
    added = client.patch(
        url,
        json={"schemas": [PATCH], "Operations": [
            {"op": "add", "path": "members", "value": [{"value": str(people[2].id)}]}]},
        headers=headers | {"If-Match": created["meta"]["version"]},
    )  # fmt: skip
    assert added.status_code == 200, added.text
    assert added.headers["ETag"] != created["meta"]["version"]
    found = client.get(
        "/scim/v2/Groups", params={"filter": f'members[value eq "{people[2].id}"]'}, headers=headers
    ).json()
    assert [g["id"] for g in found["Resources"]] == [created["id"]]
    for text in ['displayName eq "cotech"', f'{group_schemas[1]}:kind eq "cotech"']:
        named = client.get("/scim/v2/Groups", params={"filter": text}, headers=headers).json()
        assert [g["id"] for g in named["Resources"]] == [created["id"]], text
    in_use = client.delete(url, headers=headers)
    assert in_use.status_code == 409  # a body that held terms is kept, as in the REST API
    events = session.exec(
        select(OutboxEvent).where(col(OutboxEvent.committee_id) == committee.id)
    ).all()
    assert {"body.created", "membership.created"} <= {e.type for e in events}


def test_what_directory_tools_send_beyond_the_schema(client: TestClient, session: Session) -> None:
    _, headers, _ = _world(session)
    created = client.post(
        "/scim/v2/Users",
        json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "lsow",
              "active": True, "name": {"givenName": "Lamine", "familyName": "Sow"},
              "emails": [{"value": "l.sow@example.org", "type": "work", "primary": True}]},
        headers=headers,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    assert created.json()["emails"] == [{"value": "l.sow@example.org"}]
    url = f"/scim/v2/Users/{created.json()['id']}"
    deprovision = {"schemas": [PATCH], "Operations": [
        {"op": "replace", "path": "active", "value": "False"}]}  # fmt: skip
    assert client.patch(url, json=deprovision, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


def test_a_write_to_a_body_member_adds_no_term(client: TestClient, session: Session) -> None:
    committee, headers, _ = _world(session)
    group = client.post(
        "/scim/v2/Groups",
        json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "COPIL"},
        headers=headers,
    ).json()
    person = make_person(session, first_name="Inès", last_name="Petit")
    make_membership(session, committee=committee, person=person, body_id=group["id"])
    change = {"schemas": [PATCH], "Operations": [
        {"op": "add", "path": "emails", "value": [{"value": "ines@example.org"}]}]}  # fmt: skip
    patched = client.patch(f"/scim/v2/Users/{person.id}", json=change, headers=headers)
    assert patched.status_code == 200, patched.text
    assert patched.json()[EXT]["committee"] == str(committee.id)
    terms = session.exec(select(Membership).where(Membership.person_id == person.id)).all()
    assert [t.body_id for t in terms] == [uuid.UUID(group["id"])]
