"""A body's composition against its targets, against counts made by hand.

The COPIL of committee P, on 2025-01-01 (AS_OF) and today:
- a1, a2, a3, people supported, since 2024-01-01 (a1 holds a second term in it: counted once);
- s1…s4, social workers, since 2024-01-01;
- e, elected official, since 2023-01-01;
- m, manager, from 2024-01-01 to yesterday (in force on AS_OF, not today);
- late, person supported, from 2025-01-02 (not yet on AS_OF, counted today);
- tomorrow, student, from tomorrow (counted on neither day);
- gone, social worker, 2023-01-01 to 2024-12-31 (counted on neither day).
Not in the COPIL: a person supported in P without a body, one in P's COTECH.
On AS_OF: 9 people, 3 supported (1/3), 4 social workers. Today: 9 people, 4 supported.
"""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.bodies.models import Body, CompositionTarget
from api.committees.models import Committee
from api.core.clock import today
from api.memberships.models import Membership
from api.people.models import Person
from api.people.schemas import PersonCategory
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import make_committee
from tests.memberships.factories import insert_membership, make_membership
from tests.people.factories import make_person

AS_OF = date(2025, 1, 1)
SINCE = date(2024, 1, 1)


def url(committee: Committee, body: Body, *rest: str) -> str:
    return "/".join([f"/api/v1/committees/{committee.id}/bodies/{body.id}/composition", *rest])


@pytest.fixture
def copil(session: Session) -> Body:
    return _scene(session)[0]


@pytest.fixture
def a3_term(session: Session) -> tuple[Body, Membership]:
    """The COPIL, and the term of a3 in it."""
    return _scene(session)


def _scene(session: Session) -> tuple[Body, Membership]:
    p = make_committee(session)
    copil = make_body(session, committee=p)
    cotech = make_body(session, committee=p, kind="cotech")

    def term(category: str, start_on: date, end_on: date | None = None, **where: Any) -> Person:
        person = make_person(session, category=category)
        where = where or {"body_id": str(copil.id)}
        make_membership(
            session, committee=p, person=person, start_on=start_on, end_on=end_on, **where
        )
        return person

    a1 = term("person_supported", SINCE)
    insert_membership(session, committee=p, person=a1, body_id=copil.id, start_on=SINCE)
    term("person_supported", SINCE)
    a3 = term("person_supported", SINCE)
    for _ in range(4):
        term("social_worker", SINCE)
    term("elected_official", date(2023, 1, 1))
    term("manager", SINCE, today() - timedelta(days=1))
    term("person_supported", AS_OF + timedelta(days=1))
    term("student", today() + timedelta(days=1))
    term("social_worker", date(2023, 1, 1), date(2024, 12, 31))
    term("person_supported", SINCE, body_id=None)
    term("person_supported", SINCE, body_id=str(cotech.id))
    a3_term = session.exec(select(Membership).where(Membership.person_id == a3.id)).one()
    return copil, a3_term


def committee_of(session: Session, body: Body) -> Committee:
    committee = session.get(Committee, body.committee_id)
    assert committee is not None
    return committee


def targets_of(session: Session, body: Body) -> list[tuple[str, str]]:
    """The body's stored targets, as (category, least share written with its 4 decimals)."""
    stored = session.exec(select(CompositionTarget).where(CompositionTarget.body_id == body.id))
    return sorted((t.category, f"{t.at_least:.4f}") for t in stored)


def shares(answer: dict[str, Any]) -> dict[str, tuple[int, Any, Any, bool]]:
    """Category → (members, share, target, below) for the categories with members or a
    target; the others must be zeros without a target."""
    found = {}
    assert [c["category"] for c in answer["by_category"]] == list(PersonCategory)
    for c in answer["by_category"]:
        row = (c["members"], c["share"], c["target"], c["below_target"])
        if row == (0, 0.0 if answer["members"] else None, None, False):
            continue
        found[c["category"]] = row
    return found


def test_the_composition_on_a_day_counts_terms_in_force_in_the_body_each_person_once(
    session: Session, client: TestClient, admin_headers: dict[str, str], copil: Body
) -> None:
    committee = committee_of(session, copil)
    answer = client.get(
        url(committee, copil), params={"as_of": "2025-01-01"}, headers=admin_headers
    )

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {k: body[k] for k in ("body_id", "committee_id", "as_of", "members")} == {
        "body_id": str(copil.id),
        "committee_id": str(committee.id),
        "as_of": "2025-01-01",
        "members": 9,
    }
    assert shares(body) == {
        "person_supported": (3, pytest.approx(1 / 3), None, False),
        "social_worker": (4, pytest.approx(4 / 9), None, False),
        "elected_official": (1, pytest.approx(1 / 9), None, False),
        "manager": (1, pytest.approx(1 / 9), None, False),
    }
    assert body["below_target"] is False

    # Today (the default): the manager's term has ended, `late` has begun.
    now = client.get(url(committee, copil), headers=admin_headers).json()
    assert (now["as_of"], now["members"]) == (today().isoformat(), 9)
    assert shares(now)["person_supported"][:2] == (4, pytest.approx(4 / 9))
    assert "manager" not in shares(now)


def test_targets_are_set_replaced_and_cleared_and_flag_shares_below_them(
    session: Session, client: TestClient, admin_headers: dict[str, str], copil: Body
) -> None:
    committee = committee_of(session, copil)
    put = url(committee, copil, "targets")
    on = {"as_of": "2025-01-01"}
    third = {"category": "person_supported", "at_least": 0.3333}

    answer = client.put(put, json={"targets": [third]}, headers=admin_headers)

    # The PUT answers the composition today: 4 of 9 supported.
    assert answer.status_code == 200, answer.text
    assert answer.json()["as_of"] == today().isoformat()
    assert shares(answer.json())["person_supported"] == (4, pytest.approx(4 / 9), 0.3333, False)
    # On AS_OF, 3 of 9: exactly a third is not below 0.3333.
    body = client.get(url(committee, copil), params=on, headers=admin_headers).json()
    assert shares(body)["person_supported"] == (3, pytest.approx(1 / 3), 0.3333, False)
    assert body["below_target"] is False

    # Replaced as a whole: the first target goes, and half of social workers is not met.
    both = [
        {"category": "person_supported", "at_least": "0.3334"},
        {"category": "social_worker", "at_least": 0.5},
    ]
    assert client.put(put, json={"targets": both}, headers=admin_headers).status_code == 200
    body = client.get(url(committee, copil), params=on, headers=admin_headers).json()
    assert shares(body)["person_supported"] == (3, pytest.approx(1 / 3), 0.3334, True)
    assert shares(body)["social_worker"] == (4, pytest.approx(4 / 9), 0.5, True)
    assert body["below_target"] is True
    assert targets_of(session, copil) == [
        ("person_supported", "0.3334"),
        ("social_worker", "0.5000"),
    ]

    cleared = client.put(put, json={"targets": []}, headers=admin_headers)
    assert cleared.status_code == 200, cleared.text
    assert all(c["target"] is None for c in cleared.json()["by_category"])
    assert targets_of(session, copil) == []


def test_a_term_ended_before_the_day_takes_the_body_below_its_target(
    session: Session,
    client: TestClient,
    admin_headers: dict[str, str],
    a3_term: tuple[Body, Membership],
) -> None:
    copil, a3 = a3_term
    committee = committee_of(session, copil)
    third = {"category": "person_supported", "at_least": 0.3333}
    client.put(url(committee, copil, "targets"), json={"targets": [third]}, headers=admin_headers)
    ending = client.post(
        f"/api/v1/memberships/{a3.id}/end",
        json={"end_on": "2024-12-31"},
        headers=admin_headers,
    )
    assert ending.status_code == 200, ending.text

    body = client.get(url(committee, copil), params={"as_of": "2025-01-01"}, headers=admin_headers)

    # 2 of 8: a quarter, below a third.
    assert body.json()["members"] == 8
    assert shares(body.json())["person_supported"] == (2, 0.25, 0.3333, True)
    assert body.json()["below_target"] is True


def test_an_empty_body_is_below_every_target_it_has(
    session: Session, client: TestClient, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    empty = make_body(session, committee=committee)
    target = {"category": "elected_official", "at_least": 1}

    answer = client.put(
        url(committee, empty, "targets"), json={"targets": [target]}, headers=admin_headers
    )

    body = answer.json()
    assert body["members"] == 0
    assert {c["category"]: c["share"] for c in body["by_category"]} == dict.fromkeys(
        PersonCategory, None
    )
    assert shares(body) == {"elected_official": (0, None, 1.0, True)}
    assert body["below_target"] is True


@pytest.mark.parametrize(
    ("sent", "where"),
    [
        ({"targets": [], "colour": "blue"}, "/colour"),
        (
            {"targets": [{"category": "student", "at_least": 0.2, "at_most": 0.5}]},
            "/targets/0/at_most",
        ),
        ({"targets": [{"category": "student", "at_least": 0}]}, "/targets/0/at_least"),
        ({"targets": [{"category": "student", "at_least": 1.5}]}, "/targets/0/at_least"),
        ({"targets": [{"category": "student", "at_least": -0.1}]}, "/targets/0/at_least"),
        ({"targets": [{"category": "student", "at_least": 0.33333}]}, "/targets/0/at_least"),
        ({"targets": [{"category": "student", "at_least": True}]}, "/targets/0/at_least"),
        ({"targets": [{"category": "citizen", "at_least": 0.2}]}, "/targets/0/category"),
        ({"targets": [{"category": "student"}]}, "/targets/0/at_least"),
        (
            {
                "targets": [
                    {"category": "student", "at_least": 0.1},
                    {"category": "student", "at_least": 0.2},
                ]
            },
            "/targets",
        ),
        ({}, "/targets"),
    ],
)
def test_invalid_targets_are_refused_and_change_nothing(
    session: Session,
    client: TestClient,
    admin_headers: dict[str, str],
    sent: dict[str, Any],
    where: str,
) -> None:
    committee = make_committee(session)
    body = make_body(session, committee=committee)
    kept = {"category": "volunteer", "at_least": 0.1}
    client.put(url(committee, body, "targets"), json={"targets": [kept]}, headers=admin_headers)

    answer = client.put(url(committee, body, "targets"), json=sent, headers=admin_headers)

    problem = assert_problem(answer, 422, "validation-error")
    assert [e["pointer"] for e in problem["errors"]] == [where]
    assert targets_of(session, body) == [("volunteer", "0.1000")]


def test_a_body_of_another_committee_is_not_found(
    session: Session, client: TestClient, admin_headers: dict[str, str]
) -> None:
    committee, other = make_committee(session), make_committee(session)
    foreign = make_body(session, committee=other)
    target = {"targets": [{"category": "student", "at_least": 0.1}]}

    read = client.get(url(committee, foreign), headers=admin_headers)
    write = client.put(url(committee, foreign, "targets"), json=target, headers=admin_headers)

    assert_problem(read, 404, code="body_not_found")
    assert_problem(write, 404, code="body_not_found")
    assert session.exec(select(CompositionTarget)).all() == []
    assert client.get(url(other, foreign), headers=admin_headers).status_code == 200


def test_a_committee_that_does_not_exist_is_not_found(
    session: Session, client: TestClient, admin_headers: dict[str, str]
) -> None:
    # The network admin's guard reads nothing: the composition's own statement tells.
    body = make_body(session, committee=make_committee(session))
    missing = Committee(id=uuid.uuid4(), name="Absent")

    assert_problem(
        client.get(url(missing, body), headers=admin_headers), 404, code="committee_not_found"
    )
