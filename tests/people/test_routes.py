"""People: creating, reading, searching and editing records (as network_admin, mostly).

Who sees whom is in test_visibility.py."""

import base64
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.people.models import Person
from tests.assertions import assert_problem, item_ids
from tests.factories import editing, make_committee
from tests.memberships.factories import insert_membership
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person

URL = "/api/v1/people"
HELENE: dict[str, Any] = {
    "first_name": "Hélène",
    "last_name": "Ézanno",
    "email": "Helene.Ezanno@Example.org",
    "phone": "+33 6 12 34 56 78",
    "category": "person_supported",
    "external_id": "RH-0042",
    "source": "sirh-cd07",
}


# --- creating -------------------------------------------------------------------------------


def test_create_returns_the_person_with_its_etag(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    organisation = make_organisation(session)

    response = client.post(
        URL, json=HELENE | {"organisation_id": str(organisation.id)}, headers=admin_headers
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == "helene.ezanno@example.org"
    assert {k: body[k] for k in HELENE if k != "email"} == {
        k: v for k, v in HELENE.items() if k != "email"
    }
    assert body["organisation_id"] == str(organisation.id)
    assert "sort_key" not in body
    assert "version" not in body
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    stored = session.get(Person, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.sort_key == "ezanno helene"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"last_name": "x" * 101}, "last_name"),
        ({"category": "patient"}, "category"),
        ({"email": "not an email"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"source": None}, "external_id"),
        ({"organisation_id": "00000000-0000-4000-8000-000000000000"}, "organisation_id"),
        ({"role": "pilot"}, "role"),
    ],
)
def test_create_refuses_invalid_people(
    client: TestClient, admin_headers: dict[str, str], changes: dict[str, Any], field: str
) -> None:
    response = client.post(URL, json=HELENE | changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]


def test_an_external_id_is_unique_within_its_source(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    make_person(session, external_id="RH-0042", source="sirh-cd07")

    clash = client.post(URL, json=HELENE, headers=admin_headers)
    other_source = client.post(URL, json=HELENE | {"source": "sirh-cd26"}, headers=admin_headers)

    assert_problem(clash, 409, "conflict")
    assert other_source.status_code == 201, other_source.text
    assert len(session.exec(select(Person).where(Person.external_id == "RH-0042")).all()) == 2


# --- reading --------------------------------------------------------------------------------


def test_get_gives_the_person_and_their_etag(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(URL, json=HELENE, headers=admin_headers).json()

    response = client.get(f"{URL}/{created['id']}", headers=admin_headers)

    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["ETag"] == '"1"'
    assert_problem(client.get(f"{URL}/{uuid.uuid4()}", headers=admin_headers), 404, "not-found")
    assert_problem(client.get(f"{URL}/{created['id']}"), 401, "unauthorized")


def test_list_filters(client: TestClient, admin_headers: dict[str, str], session: Session) -> None:
    caf = make_organisation(session, type="caf")
    helene = make_person(session, first_name="Hélène", last_name="Ézanno", organisation_id=caf.id)
    lea = make_person(session, first_name="Léa", last_name="Martin", category="student")
    synced = make_person(session, first_name="Paul", last_name="Ezan", external_id="A1",
                         source="sirh")  # fmt: skip
    make_person(session, first_name="Zoé", last_name="Autre", external_id="A1", source="other")

    def get(**params: str) -> list[str]:
        return item_ids(client.get(URL, params=params, headers=admin_headers))

    assert get(q="EZANNO HEL") == [str(helene.id)]
    assert get(q="ezan") == [str(synced.id), str(helene.id)]  # "ezan paul" < "ezanno helene"
    assert get(q="martin lea") == [str(lea.id)]
    assert get(category="student") == [str(lea.id)]
    assert get(organisation_id=str(caf.id)) == [str(helene.id)]
    assert get(external_id="A1", source="sirh") == [str(synced.id)]
    assert get(q="_") == []
    assert_problem(client.get(URL, params={"category": "x"}, headers=admin_headers), 422)
    assert_problem(client.get(URL, params={"cursor": "x"}, headers=admin_headers), 422)


def test_the_cursor_walks_everyone_once_in_name_order(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    # Namesakes: the id breaks the ties.
    people = [
        make_person(session, first_name="Jean", last_name=f"Dupont{n % 2}", category="volunteer")
        for n in range(7)
    ]
    expected = [str(p.id) for p in sorted(people, key=lambda p: (p.sort_key, str(p.id)))]
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 2, "category": "volunteer"}
        if cursor:
            params["cursor"] = cursor
        page = client.get(URL, params=params, headers=admin_headers).json()
        seen += [item["id"] for item in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break

    assert seen == expected


def test_a_cursor_carries_no_readable_name_and_cannot_be_forged(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    for n in range(3):
        make_person(session, first_name="Zéphyrine", last_name=f"Quillard{n}", category="volunteer")
    params: dict[str, Any] = {"limit": 1, "category": "volunteer"}
    cursor = client.get(URL, params=params, headers=admin_headers).json()["next_cursor"]

    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    for decoded in (cursor.encode(), raw, raw.decode("latin-1").encode()):
        assert b"quillard" not in decoded.lower()
        assert b"zephyrine" not in decoded.lower()
    assert "quillard" not in raw.decode("utf-8", "replace").lower()
    forged = bytearray(raw)
    forged[-1] ^= 1
    params["cursor"] = base64.urlsafe_b64encode(bytes(forged)).decode().rstrip("=")
    assert_problem(client.get(URL, params=params, headers=admin_headers), 422)
    params["cursor"] = cursor
    assert client.get(URL, params=params, headers=admin_headers).status_code == 200


# --- editing --------------------------------------------------------------------------------


def test_a_rename_keeps_the_sort_keys_in_step(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    person = make_person(session, first_name="Jean", last_name="Dupont")
    term = insert_membership(session, person=person, committee=make_committee(session))

    response = client.patch(
        f"{URL}/{person.id}",
        json={"last_name": "Émery", "category": "manager", "phone": None},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    assert response.json()["last_name"] == "Émery"
    assert response.json()["category"] == "manager"
    assert response.headers["ETag"] == '"2"'
    session.refresh(person)
    session.refresh(term)
    assert person.sort_key == "emery jean"
    assert term.sort_key == "emery jean"
    assert item_ids(client.get(URL, params={"q": "EMERY"}, headers=admin_headers)) == [
        str(person.id)
    ]


def test_a_stale_if_match_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    person = make_person(session, first_name="Jean")

    response = client.patch(
        f"{URL}/{person.id}",
        json={"first_name": "Paul"},
        headers=admin_headers | {"If-Match": '"9"'},
    )

    assert_problem(response, 412, "precondition-failed")
    session.refresh(person)
    assert person.first_name == "Jean"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_name": None}, "first_name"),
        ({"category": None}, "category"),
        ({"external_id": "X"}, "external_id"),  # the person has no source
        ({"organisation_id": str(uuid.UUID(int=1))}, "organisation_id"),
        ({"email": "nope"}, "email"),
        ({"sort_key": "aaa"}, "sort_key"),
    ],
)
def test_an_edit_cannot_break_the_rules(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    changes: dict[str, Any],
    field: str,
) -> None:
    person = make_person(session)

    response = client.patch(f"{URL}/{person.id}", json=changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]


def test_external_ids_are_set_and_cleared_together_and_stay_unique(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    make_person(session, external_id="RH-1", source="sirh")
    person = make_person(session, external_id="RH-2", source="sirh")

    clash = client.patch(
        f"{URL}/{person.id}",
        json={"external_id": "RH-1"},
        headers=editing(client, f"{URL}/{person.id}", admin_headers),
    )
    half = client.patch(
        f"{URL}/{person.id}",
        json={"source": None},
        headers=editing(client, f"{URL}/{person.id}", admin_headers),
    )
    cleared = client.patch(
        f"{URL}/{person.id}",
        json={"external_id": None, "source": None},
        headers=editing(client, f"{URL}/{person.id}", admin_headers),
    )

    assert_problem(clash, 409, "conflict")
    assert_problem(half, 422, "validation-error")
    assert cleared.status_code == 200, cleared.text
    session.refresh(person)
    assert (person.external_id, person.source) == (None, None)


def test_there_is_no_delete(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    # History (memberships, attendance) refers to people: records are kept.
    person = make_person(session)

    response = client.delete(f"{URL}/{person.id}", headers=admin_headers)

    assert_problem(response, 405)
    assert session.get(Person, person.id) is not None
