"""Organisations (structures): the directory every committee shares."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.organisations.models import Organisation
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person

URL = "/api/v1/organisations"
CAF: dict[str, Any] = {
    "type": "caf",
    "name": "Caisse d'allocations familiales de l'Ardèche",
    "department_code": "07",
    "siret": "73282932000074",
}


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


# --- creating -------------------------------------------------------------------------------


def test_create_returns_the_organisation_with_its_etag(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    response = client.post(URL, json=CAF, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in CAF} == CAF
    assert set(body) == {*CAF, "id", "created_at", "updated_at"}
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    stored = session.get(Organisation, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.search_key == "caisse d'allocations familiales de l'ardeche"


def test_a_committee_admin_may_create_but_a_member_may_not(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    committee_admin = make_user(session, role=Role.committee_admin, committee=committee)
    member = make_user(session, role=Role.member, committee=committee)

    created = client.post(URL, json=CAF, headers=auth(committee_admin))
    refused = client.post(URL, json=CAF | {"siret": None}, headers=auth(member))

    assert created.status_code == 201, created.text
    assert_problem(refused, 403, "forbidden")
    assert_problem(client.post(URL, json=CAF), 401, "unauthorized")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type": "ministry"}, "type"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"department_code": "7"}, "department_code"),
        ({"department_code": "00"}, "department_code"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_create_refuses_invalid_organisations(
    client: TestClient, admin_headers: dict[str, str], changes: dict[str, Any], field: str
) -> None:
    response = client.post(URL, json=CAF | changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]


# --- SIRET ----------------------------------------------------------------------------------

# Check digits computed by hand with the Luhn key over the 14 digits (SIREN + NIC + key).
VALID_SIRETS = [
    "73282932000074",
    "13000548100010",
    "20075000100014",
    "44203020600019",
    # La Poste's head office keeps a Luhn key…
    "35600000000048",
    # …its other establishments only have digits summing to a multiple of 5 (3+5+6+4+9+8+3+7).
    "35600000049837",
]


@pytest.mark.parametrize("siret", VALID_SIRETS)
def test_valid_sirets_are_accepted(
    client: TestClient, admin_headers: dict[str, str], siret: str
) -> None:
    response = client.post(URL, json=CAF | {"siret": siret}, headers=admin_headers)

    assert response.status_code == 201, response.text
    assert response.json()["siret"] == siret


def test_spaces_in_a_siret_are_stripped(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    response = client.post(URL, json=CAF | {"siret": " 732 829 320 00074 "}, headers=admin_headers)

    assert response.status_code == 201, response.text
    assert response.json()["siret"] == "73282932000074"
    stored = session.get(Organisation, uuid.UUID(response.json()["id"]))
    assert stored is not None
    assert stored.siret == "73282932000074"


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000075",  # check digit off by one
        "73282932000047",  # two digits swapped
        "35600000049838",  # La Poste, but the digits do not sum to a multiple of 5
        "7328293200007",  # 13 digits
        "732829320000740",  # 15 digits
        "",
        "7328293200007A",
        "7328293200007٤",  # an Arabic-Indic digit: a digit to Python, not to INSEE
        "732-829-320-00074",
    ],
)
def test_invalid_sirets_are_refused(
    client: TestClient, admin_headers: dict[str, str], siret: str
) -> None:
    response = client.post(URL, json=CAF | {"siret": siret}, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any("siret" in e["loc"] for e in body["errors"]), body["errors"]


def test_a_siret_belongs_to_one_organisation(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    make_organisation(session, siret="73282932000074")
    other = make_organisation(session, siret="13000548100010")

    created = client.post(URL, json=CAF | {"siret": "732 829 320 00074"}, headers=admin_headers)
    patched = client.patch(
        f"{URL}/{other.id}",
        json={"siret": "73282932000074"},
        headers=editing(client, f"{URL}/{other.id}", admin_headers),
    )

    assert_problem(created, 409, "conflict")
    assert_problem(patched, 409, "conflict")
    stored = session.exec(select(Organisation).where(Organisation.siret == "73282932000074")).all()
    assert len(stored) == 1
    session.refresh(other)
    assert other.siret == "13000548100010"


# --- reading --------------------------------------------------------------------------------


def test_any_logged_in_caller_reads_an_organisation(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session, name="Ocellia", type="training_institute")
    member = make_user(session, role=Role.member, committee=make_committee(session))

    response = client.get(f"{URL}/{organisation.id}", headers=auth(member))

    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Ocellia"
    assert response.json()["type"] == "training_institute"
    assert response.headers["ETag"] == '"1"'
    assert_problem(client.get(f"{URL}/{organisation.id}"), 401, "unauthorized")


def test_an_unknown_organisation_is_a_404(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    assert_problem(client.get(f"{URL}/{uuid.uuid4()}", headers=admin_headers), 404, "not-found")


def test_list_filters_by_type_department_and_accent_blind_name(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    make_organisation(session, type="training_institute", name="École régionale du travail social")
    make_organisation(session, type="departmental_council", name="Département de l'Ardèche",
                      department_code="07")  # fmt: skip
    make_organisation(session, type="caf", name="CAF de l'Ardèche", department_code="07")
    make_organisation(session, type="caf", name="CAF de Gironde", department_code="33")

    def get(**params: str) -> list[str]:
        return names(client.get(URL, params=params, headers=admin_headers))

    assert get(q="ECOLE REGIONALE") == ["École régionale du travail social"]
    assert get(q="ardeche") == ["CAF de l'Ardèche", "Département de l'Ardèche"]
    assert get(type="caf") == ["CAF de Gironde", "CAF de l'Ardèche"]
    assert get(department="07", type="caf") == ["CAF de l'Ardèche"]
    assert get(q="%") == []
    assert_problem(client.get(URL, params={"type": "bank"}, headers=admin_headers), 422)
    assert_problem(client.get(URL, params={"department": "7"}, headers=admin_headers), 422)


def test_the_cursor_walks_every_organisation_once_in_name_order(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    # Same names, so the id breaks the ties.
    expected = sorted(
        (make_organisation(session, name=f"CCAS {n % 3}", type="ccas") for n in range(7)),
        key=lambda o: (o.name, str(o.id)),
    )
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 3, "type": "ccas"}
        if cursor:
            params["cursor"] = cursor
        page = client.get(URL, params=params, headers=admin_headers).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == [str(o.id) for o in expected]
    assert_problem(client.get(URL, params={"cursor": "nope"}, headers=admin_headers), 422)


# --- changing -------------------------------------------------------------------------------


def test_a_network_admin_edits_an_organisation(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    organisation = make_organisation(session, name="UDCCAS", type="ccas", siret="13000548100010")

    response = client.patch(
        f"{URL}/{organisation.id}",
        json={"name": "Union départementale des CCAS", "department_code": "65", "siret": None},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Union départementale des CCAS"
    assert body["department_code"] == "65"
    assert body["siret"] is None
    assert body["type"] == "ccas"
    assert response.headers["ETag"] == '"2"'
    session.refresh(organisation)
    assert organisation.search_key == "union departementale des ccas"
    assert names(client.get(URL, params={"q": "departementale"}, headers=admin_headers)) == [
        "Union départementale des CCAS"
    ]


def test_a_stale_if_match_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    organisation = make_organisation(session)

    patched = client.patch(
        f"{URL}/{organisation.id}", json={"name": "X"}, headers=admin_headers | {"If-Match": '"7"'}
    )
    deleted = client.delete(f"{URL}/{organisation.id}", headers=admin_headers | {"If-Match": '"7"'})

    assert_problem(patched, 412, "precondition-failed")
    assert_problem(deleted, 412, "precondition-failed")
    assert session.get(Organisation, organisation.id) is not None


@pytest.mark.parametrize(
    "changes", [{"name": None}, {"type": None}, {"department_code": "00"}, {"siret": "123"}]
)
def test_an_edit_cannot_break_the_rules(
    client: TestClient, admin_headers: dict[str, str], session: Session, changes: dict[str, Any]
) -> None:
    organisation = make_organisation(session)

    response = client.patch(f"{URL}/{organisation.id}", json=changes, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_only_a_network_admin_changes_or_deletes(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    committee_admin = auth(make_user(session, role=Role.committee_admin, committee=committee))
    organisation = make_organisation(session, name="Ocellia")

    patched = client.patch(f"{URL}/{organisation.id}", json={"name": "X"}, headers=committee_admin)
    deleted = client.delete(f"{URL}/{organisation.id}", headers=committee_admin)

    assert_problem(patched, 403, "forbidden")
    assert_problem(deleted, 403, "forbidden")
    session.refresh(organisation)
    assert organisation.name == "Ocellia"


def test_delete_removes_an_unused_organisation(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    organisation = make_organisation(session)

    response = client.delete(
        f"{URL}/{organisation.id}",
        headers=editing(client, f"{URL}/{organisation.id}", admin_headers),
    )

    assert response.status_code == 204, response.text
    assert session.get(Organisation, organisation.id) is None
    assert_problem(client.get(f"{URL}/{organisation.id}", headers=admin_headers), 404)


def test_an_organisation_in_use_cannot_be_deleted(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    carrier = make_organisation(session, type="departmental_council")
    make_committee(session, carrying_organisation_ids=[carrier.id])
    employer = make_organisation(session)
    make_person(session, organisation_id=employer.id)

    carrying = client.delete(
        f"{URL}/{carrier.id}", headers=editing(client, f"{URL}/{carrier.id}", admin_headers)
    )
    employing = client.delete(
        f"{URL}/{employer.id}", headers=editing(client, f"{URL}/{employer.id}", admin_headers)
    )

    assert "carries a committee" in assert_problem(carrying, 409, "conflict")["detail"]
    assert "People work" in assert_problem(employing, 409, "conflict")["detail"]
    assert session.get(Organisation, carrier.id) is not None
    assert session.get(Organisation, employer.id) is not None
