import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.committees.models import Committee, CommitteeTerritory
from api.core.clock import today
from tests.assertions import assert_problem
from tests.factories import auth, editing, grant, make_committee, make_user
from tests.organisations.factories import make_organisation

URL = "/api/v1/committees"
ARDECHE: dict[str, Any] = {
    "name": "Comité local du travail social de l'Ardèche",
    "short_name": "CLTS 07",
    "scale": "departmental",
    "region_codes": [],
    "department_codes": ["07"],
    "parent_id": None,
    "description": "Piloté par le Département et Ocellia.",
    "contact_email": "clts07@example.org",
    "is_public": True,
}


def test_create_returns_the_contract_shape(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    response = client.post(URL, json=ARDECHE, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in ARDECHE} == ARDECHE
    assert body["status"] == "reflection"
    assert body["status_since"] == today().isoformat()
    assert body["carrying_organisations"] == []
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    stored = session.get(Committee, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.department_codes == ["07"]


def test_read_gives_the_same_committee_with_its_etag(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(URL, json=ARDECHE, headers=admin_headers).json()

    response = client.get(f"{URL}/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["ETag"] == '"1"'


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"department_codes": ["00"]}, "department_codes"),
        ({"department_codes": ["07", "26"]}, "department_codes"),
        ({"department_codes": ["07", "07"]}, "department_codes"),
        ({"department_codes": ["7"]}, "department_codes"),
        ({"scale": "regional", "department_codes": [], "region_codes": ["99"]}, "region_codes"),
        (
            {"scale": "regional", "department_codes": ["65"], "region_codes": ["84"]},
            "department_codes",
        ),
        ({"scale": "interdepartmental", "department_codes": ["37"]}, "department_codes"),
        ({"scale": "national"}, "scale"),
        ({"name": ""}, "name"),
        ({"contact_email": "not an email"}, "contact_email"),
        ({"colour": "blue"}, "colour"),
        ({"is_public": 1}, "is_public"),  # a JSON boolean, not a number nor text
        ({"is_public": "true"}, "is_public"),
        ({"status_since": "0001-01-01"}, "status_since"),
    ],
)
def test_create_refuses_invalid_committees(
    client: TestClient, admin_headers: dict[str, str], changes: dict[str, Any], field: str
) -> None:
    response = client.post(URL, json=ARDECHE | changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]


def test_create_accepts_every_scale(client: TestClient, admin_headers: dict[str, str]) -> None:
    examples = [
        {"scale": "regional", "region_codes": ["76"], "department_codes": []},
        {"scale": "regional", "region_codes": ["94"], "department_codes": ["2A", "2B"]},
        {"scale": "interdepartmental", "department_codes": ["37", "41"]},
        {"scale": "local", "department_codes": ["65"]},
        {"scale": "departmental", "department_codes": ["974"]},
    ]
    for example in examples:
        response = client.post(URL, json=ARDECHE | example, headers=admin_headers)
        assert response.status_code == 201, response.text
        assert response.json()["department_codes"] == sorted(example["department_codes"])


def test_parent_must_exist_and_not_make_a_cycle(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    region = make_committee(session, scale="regional", region_codes=["76"], department_codes=[])
    child = make_committee(session, parent_id=region.id, department_codes=["65"])

    unknown = client.post(
        URL, json=ARDECHE | {"parent_id": "00000000-0000-4000-8000-000000000000"},
        headers=admin_headers,
    )  # fmt: skip
    cycle = client.patch(
        f"{URL}/{region.id}", json={"parent_id": str(child.id)}, headers=admin_headers
    )
    itself = client.patch(
        f"{URL}/{child.id}", json={"parent_id": str(child.id)}, headers=admin_headers
    )

    assert_problem(unknown, 422, "validation-error")
    assert_problem(cycle, 422, "validation-error")
    assert_problem(itself, 422, "validation-error")


def test_patch_changes_only_what_is_sent_and_bumps_the_etag(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, description="avant")

    response = client.patch(
        f"{URL}/{committee.id}",
        json={"scale": "interdepartmental", "department_codes": ["37", "41"], "short_name": None},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["department_codes"] == ["37", "41"]
    assert body["short_name"] is None
    assert body["description"] == "avant"
    assert response.headers["ETag"] == '"2"'
    codes = session.exec(
        select(CommitteeTerritory.code).where(CommitteeTerritory.committee_id == committee.id)
    ).all()
    assert sorted(codes) == ["37", "41"]


@pytest.mark.parametrize(
    "move",
    [
        {"parent_id": "other"},
        {"parent_id": None},
        {"scale": "local"},
        {"department_codes": ["26"]},
        {"scale": "regional", "region_codes": ["84"], "department_codes": []},
    ],
    ids=["parent", "detach", "scale", "departement", "region"],
)
def test_only_a_network_admin_moves_a_committee_in_the_network(
    client: TestClient, admin_headers: dict[str, str], session: Session, move: dict[str, Any]
) -> None:
    """Its parent, scale and territories place a committee in the network: an admin of both
    committees still gets a 403, and nothing changes."""
    region = make_committee(session, scale="regional", region_codes=["84"], department_codes=[])
    other = make_committee(session, department_codes=["26"])
    committee = make_committee(session, parent_id=region.id, department_codes=["07"])
    pilot = make_user(session, role=Role.committee_admin, committee=committee)
    for also in (region, other):
        grant(session, pilot, Role.committee_admin, also)
    body = move | ({"parent_id": str(other.id)} if move.get("parent_id") == "other" else {})
    before = client.get(f"{URL}/{committee.id}", headers=admin_headers).json()

    refused = client.patch(
        f"{URL}/{committee.id}",
        json=body,
        headers=editing(client, f"{URL}/{committee.id}", auth(pilot)),
    )

    assert_problem(refused, 403, "forbidden")
    assert client.get(f"{URL}/{committee.id}", headers=admin_headers).json() == before
    moved = client.patch(
        f"{URL}/{committee.id}",
        json=body,
        headers=editing(client, f"{URL}/{committee.id}", admin_headers),
    )
    assert moved.status_code == 200, moved.text
    assert {k: moved.json()[k] for k in body} == body


def test_a_committee_admin_edits_the_rest_and_may_resend_its_place(
    client: TestClient, session: Session
) -> None:
    """Sending the parent, scale and territories a committee has changes nothing: a form that
    sends the whole entry still saves."""
    region = make_committee(session, scale="regional", region_codes=["84"], department_codes=[])
    committee = make_committee(session, parent_id=region.id, department_codes=["07"])
    pilot = make_user(session, role=Role.committee_admin, committee=committee)
    body = {
        "description": "Nouvelle présentation",
        "parent_id": str(region.id),
        "scale": "departmental",
        "region_codes": [],
        "department_codes": ["07"],
    }

    response = client.patch(
        f"{URL}/{committee.id}",
        json=body,
        headers=editing(client, f"{URL}/{committee.id}", auth(pilot)),
    )

    assert response.status_code == 200, response.text
    assert {k: response.json()[k] for k in body} == body


def test_patch_with_a_stale_etag_is_refused_and_changes_nothing(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, name="Nom d'origine")
    client.patch(
        f"{URL}/{committee.id}",
        json={"description": "v2"},
        headers=editing(client, f"{URL}/{committee.id}", admin_headers),
    )

    stale = client.patch(
        f"{URL}/{committee.id}",
        json={"name": "Écrasé"},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert_problem(stale, 412, "precondition-failed")
    assert (
        client.get(f"{URL}/{committee.id}", headers=admin_headers).json()["name"] == "Nom d'origine"
    )


def test_patch_cannot_null_a_required_field(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)

    response = client.patch(f"{URL}/{committee.id}", json={"name": None}, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_status_moves_through_dated_transitions_with_history(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, status_since=date(2021, 3, 1))
    status_url = f"{URL}/{committee.id}/status"

    construction = client.post(
        status_url,
        json={"status": "construction", "effective_on": "2021-06-01"},
        headers=admin_headers,
    )
    active = client.post(
        status_url, json={"status": "active", "effective_on": "2022-03-29"}, headers=admin_headers
    )
    history = client.get(f"{URL}/{committee.id}/status-history", headers=admin_headers)

    assert construction.status_code == 200
    assert active.json()["status"] == "active"
    assert active.json()["status_since"] == "2022-03-29"
    assert active.headers["ETag"] == '"3"'
    items = history.json()["items"]
    assert [(i["status"], i["effective_on"]) for i in items] == [
        ("reflection", "2021-03-01"),
        ("construction", "2021-06-01"),
        ("active", "2022-03-29"),
    ]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "active"),
        ([], "dormant"),
        (["construction", "active"], "reflection"),
        (["closed"], "active"),
    ],
)
def test_illegal_transitions_are_refused_with_409(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    path: list[str],
    target: str,
) -> None:
    committee = make_committee(session, status_since=date(2020, 1, 1))
    for step in path:
        ok = client.post(
            f"{URL}/{committee.id}/status", json={"status": step}, headers=admin_headers
        )
        assert ok.status_code == 200, ok.text

    response = client.post(
        f"{URL}/{committee.id}/status", json={"status": target}, headers=admin_headers
    )

    body = assert_problem(response, 409, "conflict")
    assert target in body["detail"]


def test_a_transition_cannot_predate_the_last_one_nor_be_in_the_future(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, status_since=date(2022, 1, 1))
    status_url = f"{URL}/{committee.id}/status"
    tomorrow = (today() + timedelta(days=1)).isoformat()

    earlier = client.post(
        status_url,
        json={"status": "construction", "effective_on": "2021-12-31"},
        headers=admin_headers,
    )
    future = client.post(
        status_url, json={"status": "construction", "effective_on": tomorrow}, headers=admin_headers
    )

    assert_problem(earlier, 409, "conflict")
    assert_problem(future, 422, "validation-error")
    assert len(client.get(f"{status_url}-history", headers=admin_headers).json()["items"]) == 1


def test_delete_removes_the_committee_unless_it_has_children(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    parent = make_committee(session, scale="regional", region_codes=["76"], department_codes=[])
    child = make_committee(session, parent_id=parent.id, department_codes=["65"])

    refused = client.delete(
        f"{URL}/{parent.id}", headers=editing(client, f"{URL}/{parent.id}", admin_headers)
    )
    deleted = client.delete(
        f"{URL}/{child.id}", headers=editing(client, f"{URL}/{child.id}", admin_headers)
    )

    assert_problem(refused, 409, "conflict")
    assert deleted.status_code == 204
    assert_problem(client.get(f"{URL}/{child.id}", headers=admin_headers), 404, "not-found")


def test_anonymous_callers_see_public_committees_only(session: Session, client: TestClient) -> None:
    public = make_committee(session, is_public=True)
    hidden = make_committee(session, is_public=False)

    listed = {c["id"] for c in client.get(URL, params={"limit": 500}).json()["items"]}

    assert str(public.id) in listed
    assert str(hidden.id) not in listed
    assert_problem(client.get(f"{URL}/{hidden.id}"), 404, "not-found")


def test_members_see_their_own_private_committee(session: Session, client: TestClient) -> None:
    hidden = make_committee(session, is_public=False)
    other_hidden = make_committee(session, is_public=False)
    member = make_user(session, role=Role.member, committee=hidden)

    listed = {c["id"] for c in client.get(URL, headers=auth(member)).json()["items"]}

    assert str(hidden.id) in listed
    assert str(other_hidden.id) not in listed


def test_list_filters(client: TestClient, admin_headers: dict[str, str], session: Session) -> None:
    occitanie = make_committee(
        session, name="CRTSDS Occitanie", scale="regional", region_codes=["76"], department_codes=[]
    )
    hautes_pyrenees = make_committee(
        session, name="CLTSDS des Hautes-Pyrénées", department_codes=["65"]
    )
    ardeche = make_committee(session, name="CLTS de l'Ardèche", department_codes=["07"])
    make_committee(
        session, name="CLTS 37-41", scale="interdepartmental", department_codes=["37", "41"]
    )
    client.post(
        f"{URL}/{ardeche.id}/status", json={"status": "construction"}, headers=admin_headers
    )

    def names(**params: str) -> set[str]:
        response = client.get(URL, params=params, headers=admin_headers)
        assert response.status_code == 200, response.text
        return {c["name"] for c in response.json()["items"]}

    assert names(region="76") == {occitanie.name, hautes_pyrenees.name}
    assert names(department="65") == {hautes_pyrenees.name}
    assert names(scale="regional") == {occitanie.name}
    assert names(status="construction") == {ardeche.name}
    assert names(q="ardeche") == {ardeche.name}  # accent-insensitive
    assert names(q="PYRÉNÉES") == {hautes_pyrenees.name}
    assert names(q="37-41") == {"CLTS 37-41"}
    assert names(q="100%") == set()
    assert names(parent_id=str(occitanie.id)) == set()


def test_cursor_walk_sees_every_committee_once_in_name_order(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    for n in range(7):
        make_committee(session, name=f"Comité {n % 3}")  # duplicate names: ids break the ties
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = client.get(URL, params=params, headers=admin_headers).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert len(seen) == 7 == len({c["id"] for c in seen})
    keys = [(c["name"], c["id"]) for c in seen]
    assert keys == sorted(keys)


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", "WyJhIl0"])
def test_a_bad_cursor_is_a_422(client: TestClient, cursor: str) -> None:
    body = assert_problem(client.get(URL, params={"cursor": cursor}), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "cursor"]


@pytest.mark.parametrize("limit", [0, 501, "many"])
def test_limit_is_capped(client: TestClient, limit: object) -> None:
    assert_problem(client.get(URL, params={"limit": limit}), 422, "validation-error")


def test_a_committee_shows_its_territories_in_order_and_its_carriers_as_named(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    carriers = [make_organisation(session, name=n) for n in ("Ocellia", "CAF", "Département")]
    committee = make_committee(
        session,
        scale="regional",
        region_codes=["84"],
        department_codes=["73", "07", "26"],
        carrying_organisation_ids=[c.id for c in carriers],
    )
    named = [{"id": str(c.id), "name": c.name, "type": c.type} for c in carriers]

    one = client.get(f"{URL}/{committee.id}", headers=admin_headers).json()
    (listed,) = [
        c for c in client.get(URL, headers=admin_headers).json()["items"] if c["id"] == one["id"]
    ]

    for shown in (one, listed):
        assert shown["region_codes"] == ["84"]
        assert shown["department_codes"] == ["07", "26", "73"]
        assert shown["carrying_organisations"] == named
