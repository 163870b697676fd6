"""Who sees whom. A person's existence is personal data (their category may say they receive
social support): outside the rules, a person is a 404 and never appears in a list."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import auth, editing, grant, make_committee, make_user
from tests.memberships.factories import insert_membership
from tests.people.factories import link, make_person

URL = "/api/v1/people"


@dataclass
class Network:
    admin_a: User
    admin_b: User
    member_a: User  # has a login linked to `me`
    me: Person
    supported_a: Person  # person_supported, member of A
    former_a: Person  # their term in A ended
    supported_b: Person  # person_supported, member of B only
    nowhere: Person  # no membership at all


@pytest.fixture
def net(session: Session) -> Network:
    a = make_committee(session, is_public=False)
    b = make_committee(session, is_public=False, department_codes=["33"])
    me = make_person(session, first_name="Moi", last_name="Membre")
    supported_a = make_person(session, last_name="Alpha", category="person_supported")
    former_a = make_person(session, last_name="Ancien")
    supported_b = make_person(session, last_name="Bravo", category="person_supported")
    nowhere = make_person(session, last_name="Nulle-part")
    insert_membership(session, person=me, committee=a)
    insert_membership(session, person=supported_a, committee=a)
    insert_membership(
        session, person=former_a, committee=a, start_on=date(2020, 1, 1), end_on=date(2021, 12, 31)
    )
    insert_membership(session, person=supported_b, committee=b)
    member_a = make_user(session, role=Role.member, committee=a)
    link(session, member_a, me)
    return Network(
        admin_a=make_user(session, role=Role.committee_admin, committee=a),
        admin_b=make_user(session, role=Role.committee_admin, committee=b),
        member_a=member_a,
        me=me,
        supported_a=supported_a,
        former_a=former_a,
        supported_b=supported_b,
        nowhere=nowhere,
    )


def listed(client: TestClient, user: User, **params: Any) -> set[str]:
    response = client.get(URL, params={"limit": 500, **params}, headers=auth(user))
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_a_committee_admin_sees_their_committees_people_past_and_present(
    client: TestClient, net: Network
) -> None:
    assert listed(client, net.admin_a) == {
        str(p.id) for p in (net.me, net.supported_a, net.former_a)
    }
    for person in (net.me, net.supported_a, net.former_a):
        assert client.get(f"{URL}/{person.id}", headers=auth(net.admin_a)).status_code == 200


def test_a_committee_admin_never_sees_another_committees_people(
    client: TestClient, net: Network
) -> None:
    for person in (net.supported_b, net.nowhere):
        response = client.get(f"{URL}/{person.id}", headers=auth(net.admin_a))
        assert_problem(response, 404, "not-found")
        patched = client.patch(
            f"{URL}/{person.id}", json={"phone": "0102030405"}, headers=auth(net.admin_a)
        )
        assert_problem(patched, 404, "not-found")
    assert_problem(client.get(f"{URL}/{net.supported_a.id}", headers=auth(net.admin_b)), 404)
    assert listed(client, net.admin_b) == {str(net.supported_b.id)}
    # Filters cannot reveal anyone either.
    assert listed(client, net.admin_a, category="person_supported") == {str(net.supported_a.id)}
    assert listed(client, net.admin_a, q="bravo") == set()


def test_a_member_sees_only_their_own_record(client: TestClient, net: Network) -> None:
    own = client.get(f"{URL}/{net.me.id}", headers=auth(net.member_a))

    assert own.status_code == 200, own.text
    assert own.json()["last_name"] == "Membre"
    assert listed(client, net.member_a) == {str(net.me.id)}
    assert listed(client, net.member_a, category="person_supported") == set()
    for person in (net.supported_a, net.former_a, net.supported_b):
        assert_problem(client.get(f"{URL}/{person.id}", headers=auth(net.member_a)), 404)


def test_a_member_without_a_person_record_sees_nobody(
    client: TestClient, session: Session, net: Network
) -> None:
    member = make_user(session, role=Role.member, committee=make_committee(session))

    assert listed(client, member) == set()
    assert_problem(client.get(f"{URL}/{net.me.id}", headers=auth(member)), 404)


def test_a_member_who_is_also_admin_elsewhere_sees_the_union(
    client: TestClient, session: Session, net: Network
) -> None:
    b_admin_and_a_member = net.admin_b
    grant(session, b_admin_and_a_member, Role.member, make_committee(session))
    link(session, b_admin_and_a_member, net.nowhere)

    assert listed(client, b_admin_and_a_member) == {str(net.supported_b.id), str(net.nowhere.id)}


def test_the_network_admin_sees_everyone(
    client: TestClient, admin_headers: dict[str, str], net: Network
) -> None:
    response = client.get(URL, params={"limit": 500}, headers=admin_headers)

    everyone = [net.me, net.supported_a, net.former_a, net.supported_b, net.nowhere]
    assert {item["id"] for item in response.json()["items"]} == {str(p.id) for p in everyone}


def test_only_a_network_admin_creates_people_here(
    client: TestClient, net: Network, session: Session
) -> None:
    body = {"first_name": "A", "last_name": "B", "category": "student"}

    for user in (net.admin_a, net.member_a):
        assert_problem(client.post(URL, json=body, headers=auth(user)), 403, "forbidden")
    assert_problem(client.post(URL, json=body), 401, "unauthorized")


# --- editing --------------------------------------------------------------------------------


def test_a_committee_admin_edits_their_committees_people(
    client: TestClient, net: Network, session: Session
) -> None:
    response = client.patch(
        f"{URL}/{net.former_a.id}",
        json={"category": "volunteer", "first_name": "Anne"},
        headers=editing(client, f"{URL}/{net.former_a.id}", auth(net.admin_a)),
    )

    assert response.status_code == 200, response.text
    session.refresh(net.former_a)
    assert (net.former_a.category, net.former_a.first_name) == ("volunteer", "Anne")


def test_a_person_changes_their_own_email_and_phone(
    client: TestClient, net: Network, session: Session
) -> None:
    response = client.patch(
        f"{URL}/{net.me.id}",
        json={"email": "Moi@Example.org", "phone": "04 75 00 00 00"},
        headers=auth(net.member_a) | {"If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    session.refresh(net.me)
    assert (net.me.email, net.me.phone) == ("moi@example.org", "04 75 00 00 00")


@pytest.mark.parametrize(
    "changes",
    [
        {"category": "elected_official"},
        {"last_name": "Autre"},
        {"organisation_id": None},
        {"phone": "0102030405", "external_id": "x", "source": "y"},
    ],
)
def test_a_person_may_not_change_the_rest_of_their_record(
    client: TestClient, net: Network, session: Session, changes: dict[str, Any]
) -> None:
    response = client.patch(f"{URL}/{net.me.id}", json=changes, headers=auth(net.member_a))

    assert "email and phone" in assert_problem(response, 403, "forbidden")["detail"]
    session.refresh(net.me)
    assert (net.me.category, net.me.last_name, net.me.phone) == ("social_worker", "Membre", None)


def test_a_member_cannot_edit_another_member(client: TestClient, net: Network) -> None:
    response = client.patch(
        f"{URL}/{net.supported_a.id}", json={"phone": "0102030405"}, headers=auth(net.member_a)
    )

    assert_problem(response, 404, "not-found")
