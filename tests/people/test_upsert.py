"""PUT /people/by-external-id/{source}/{external_id}: one call where a sync would look up,
then POST or PATCH."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.outbox import events_after, last_event_id
from tests.people.factories import make_person

URL = "/api/v1/people/by-external-id/sirh-07/RH-42"
ZOE = {"first_name": "Zoé", "last_name": "Martin", "category": "student", "email": "Z@x.fr"}


def test_a_new_external_id_creates_the_person(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    before = last_event_id(session)

    answer = client.put(URL, json=ZOE, headers=admin_headers)

    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["source"], body["external_id"], body["email"]) == ("sirh-07", "RH-42", "z@x.fr")
    assert answer.headers["Location"] == f"/api/v1/people/{body['id']}"
    assert answer.headers["ETag"] == '"1"'
    assert [e.type for e in events_after(session, before)] == ["person.created"]


def test_a_known_external_id_replaces_the_person_and_clears_what_is_not_sent(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    person = make_person(session, external_id="RH-42", source="sirh-07", phone="0475000000")
    before = last_event_id(session)

    answer = client.put(URL, json=ZOE, headers=admin_headers)

    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == str(person.id)
    session.refresh(person)
    assert (person.first_name, person.phone, person.email) == ("Zoé", None, "z@x.fr")
    assert answer.headers["ETag"] == f'"{person.version}"'
    assert [e.type for e in events_after(session, before)] == ["person.updated"]
    assert len(session.exec(select(Person).where(Person.external_id == "RH-42")).all()) == 1


def test_if_match_is_checked_when_sent(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    person = make_person(session, external_id="RH-42", source="sirh-07")
    current = {"If-Match": f'"{person.version}"'}

    stale = client.put(URL, json=ZOE, headers=admin_headers | {"If-Match": '"99"'})
    fresh = client.put(URL, json=ZOE, headers=admin_headers | current)
    missing = client.put(
        "/api/v1/people/by-external-id/sirh-07/RH-43", json=ZOE, headers=admin_headers | current
    )

    assert_problem(stale, 412, "precondition-failed")
    assert fresh.status_code == 200, fresh.text
    assert_problem(missing, 412, "precondition-failed")
    assert session.exec(select(Person).where(Person.external_id == "RH-43")).first() is None


def test_a_committee_admin_replaces_their_members_but_creates_no_one_here(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    person = make_person(session, external_id="RH-42", source="sirh-07")
    make_membership(session, committee=committee, person=person)

    replaced = client.put(URL, json=ZOE, headers=auth(admin))
    created = client.put(
        "/api/v1/people/by-external-id/sirh-07/RH-43", json=ZOE, headers=auth(admin)
    )

    assert replaced.status_code == 200, replaced.text
    assert_problem(created, 403, "forbidden")
