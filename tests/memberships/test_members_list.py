"""GET /committees/{id}/members: who was a member on a day, in name order, with a summary."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.database import count_statements
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import make_person


def _url(committee: Committee) -> str:
    return f"/api/v1/committees/{committee.id}/members"


def _members(
    client: TestClient, committee: Committee, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    response = client.get(_url(committee), params=params, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@pytest.fixture
def history(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> tuple[Committee, dict[str, str]]:
    """Alice: a 1-year term from 2024-01-01, renewed for 3 years; Bruno: a term to
    2025-12-31 ended on 2024-06-30; Chloé: from 2025-03-01, open-ended. Made through the API."""
    committee = make_committee(session)
    alice = make_membership(
        session,
        committee=committee,
        person=make_person(session, first_name="Alice", last_name="Arnaud"),
        term_years=1,
    )
    bruno = make_membership(
        session,
        committee=committee,
        person=make_person(session, first_name="Bruno", last_name="Blanc"),
        end_on=date(2025, 12, 31),
    )
    chloe = make_membership(
        session,
        committee=committee,
        person=make_person(session, first_name="Chloé", last_name="Chevalier"),
        start_on=date(2025, 3, 1),
    )
    renewal = client.post(
        f"/api/v1/memberships/{alice.id}/renew", json={"term_years": 3}, headers=admin_headers
    )
    ended = client.post(
        f"/api/v1/memberships/{bruno.id}/end", json={"end_on": "2024-06-30"}, headers=admin_headers
    )
    assert renewal.status_code == 201, renewal.text
    assert ended.status_code == 200, ended.text
    assert (renewal.json()["start_on"], renewal.json()["end_on"]) == ("2025-01-01", "2027-12-31")
    terms = {
        "alice": str(alice.id),
        "alice_renewed": renewal.json()["id"],
        "bruno": str(bruno.id),
        "chloe": str(chloe.id),
    }
    return committee, terms


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2023-12-31", []),
        ("2024-01-01", ["alice", "bruno"]),  # first day of both terms
        ("2024-06-30", ["alice", "bruno"]),  # Bruno's last day
        ("2024-07-01", ["alice"]),
        ("2024-12-31", ["alice"]),  # last day of Alice's first term
        ("2025-01-01", ["alice_renewed"]),  # first day of the renewal
        ("2025-02-28", ["alice_renewed"]),
        ("2025-03-01", ["alice_renewed", "chloe"]),  # Chloé's first day
        ("2027-12-31", ["alice_renewed", "chloe"]),  # last day of the renewal
        ("2028-01-01", ["chloe"]),
    ],
)
def test_as_of_answers_across_renewals_and_endings(
    client: TestClient,
    admin_headers: dict[str, str],
    history: tuple[Committee, dict[str, str]],
    as_of: str,
    expected: list[str],
) -> None:
    committee, terms = history

    items = _members(client, committee, admin_headers, as_of=as_of)

    assert [i["id"] for i in items] == [terms[name] for name in expected]
    assert {i["status"] for i in items} <= {"current"}


def test_all_lists_every_term_with_its_status_on_the_day(
    client: TestClient, admin_headers: dict[str, str], history: tuple[Committee, dict[str, str]]
) -> None:
    committee, terms = history

    items = _members(client, committee, admin_headers, all="true", as_of="2024-07-01")

    by_id = {i["id"]: i for i in items}
    assert by_id.keys() == set(terms.values())
    assert {name: by_id[term]["status"] for name, term in terms.items()} == {
        "alice": "current",
        "alice_renewed": "upcoming",
        "bruno": "ended",
        "chloe": "upcoming",
    }
    assert by_id[terms["alice_renewed"]]["renewal_of_id"] == terms["alice"]


def test_as_of_defaults_to_today(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    now = make_membership(session, committee=committee, start_on=today())
    make_membership(session, committee=committee, start_on=today() + timedelta(days=1))
    make_membership(session, committee=committee, end_on=today() - timedelta(days=1))

    items = _members(client, committee, admin_headers)

    assert [i["id"] for i in items] == [str(now.id)]


def test_each_item_carries_the_term_and_a_person_summary(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    body = make_body(session, committee=committee, kind="copil")
    person = make_person(
        session,
        first_name="Élodie",
        last_name="Durand",
        category="person_supported",
        email="elodie@example.org",
        phone="06 00 00 00 00",
    )
    term = make_membership(
        session,
        committee=committee,
        person=person,
        role="titular",
        body_id=str(body.id),
        start_on=date(2024, 2, 29),
        term_years=3,
        card_number="07-0042",
        external_id="hr-42",
        source="cd07-rh",
    )

    [item] = _members(client, committee, admin_headers, as_of="2025-01-01")

    assert item == {
        "id": str(term.id),
        "committee_id": str(committee.id),
        "person_id": str(person.id),
        "body_id": str(body.id),
        "role": "titular",
        "start_on": "2024-02-29",
        "end_on": "2027-02-28",
        "card_number": "07-0042",
        "status": "current",
        "renewal_of_id": None,
        "external_id": "hr-42",
        "source": "cd07-rh",
        "person": {
            "id": str(person.id),
            "first_name": "Élodie",
            "last_name": "Durand",
            "category": "person_supported",
            "organisation_id": None,
        },
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }


def test_role_and_body_filters(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    copil = make_body(session, committee=committee)
    pilot = make_membership(session, committee=committee, role="pilot", body_id=str(copil.id))
    make_membership(session, committee=committee, role="member")
    titular = make_membership(session, committee=committee, role="titular", body_id=str(copil.id))

    pilots = _members(client, committee, admin_headers, as_of="2024-06-01", role="pilot")
    in_copil = _members(client, committee, admin_headers, as_of="2024-06-01", body_id=copil.id)

    assert [i["id"] for i in pilots] == [str(pilot.id)]
    assert {i["id"] for i in in_copil} == {str(pilot.id), str(titular.id)}


def test_pagination_walks_the_members_in_name_order(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    names = [("Bob", "Martin"), ("Élise", "Éluard"), ("Zoé", "Abel"), ("Anne", "Martin"),
             ("Marc", "durand")]  # fmt: skip
    for first, last in names:
        make_membership(
            session,
            committee=committee,
            person=make_person(session, first_name=first, last_name=last),
        )

    pages: list[list[str]] = []
    cursor = None
    for _ in range(4):
        params: dict[str, Any] = {"limit": 2, "as_of": "2024-06-01"}
        if cursor:
            params["cursor"] = cursor
        body = client.get(_url(committee), params=params, headers=admin_headers).json()
        pages.append(
            [f"{i['person']['first_name']} {i['person']['last_name']}" for i in body["items"]]
        )
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == [
        ["Zoé Abel", "Marc durand"],
        ["Élise Éluard", "Anne Martin"],
        ["Bob Martin"],
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"as_of": "2024-02-30"},
        {"as_of": "0"},  # a Unix timestamp to lax pydantic, not a day
        {"as_of": "0001-01-01"},  # outside the calendar the network's records need
        {"as_of": "9999-12-31"},
        {"all": "yes"},  # true or false, in that one spelling
        {"all": "1"},
        {"role": "boss"},
        {"limit": 501},
        {"limit": "10.0"},
    ],
)
def test_bad_query_parameters_are_a_422(
    client: TestClient, admin_headers: dict[str, str], session: Session, params: dict[str, Any]
) -> None:
    committee = make_committee(session)

    response = client.get(_url(committee), params=params, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_an_unknown_committee_is_a_404(client: TestClient, admin_headers: dict[str, str]) -> None:
    response = client.get(f"/api/v1/committees/{uuid.uuid4()}/members", headers=admin_headers)

    assert_problem(response, 404, "not-found")


def test_a_page_costs_the_same_statements_whatever_its_size(
    client: TestClient, session: Session, connection: Connection
) -> None:
    committee = make_committee(session)
    # A committee admin, as in the benchmark: their grant proves the committee exists.
    headers = auth(make_user(session, role=Role.committee_admin, committee=committee))
    for _ in range(50):
        make_membership(session, committee=committee)
    session.commit()
    with count_statements(connection) as statements:
        counts = []
        for limit in (5, 50):
            statements.clear()
            response = client.get(
                _url(committee),
                params={"limit": limit, "as_of": "2024-06-01"},
                headers=headers,
            )
            assert len(response.json()["items"]) == limit
            counts.append(len(statements))
            selects = [s for s in statements if "FROM memberships" in s]

    assert counts[0] == counts[1]
    # The caller's grants, then the page with its person summaries: nothing else.
    assert len([s for s in statements if s.lstrip().startswith("SELECT")]) == 2, statements
    assert len(selects) == 1, selects
