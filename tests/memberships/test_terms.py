"""Enrolling, correcting, ending and renewing terms."""

import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today
from api.memberships.models import Membership
from api.memberships.service_terms import term_end
from api.people.models import Person
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import make_person


def _url(committee: Committee) -> str:
    return f"/api/v1/committees/{committee.id}/members"


def _enrol(client: TestClient, committee: Committee, headers: dict[str, str], **fields: Any) -> Any:
    return client.post(_url(committee), json={"role": "member"} | fields, headers=headers)


def test_enrolling_an_existing_person_copies_their_sort_key(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    person = make_person(session, first_name="Émile", last_name="Zola")

    response = _enrol(
        client, committee, admin_headers, person_id=str(person.id), start_on="2024-09-01",
        end_on="2025-08-31", role="substitute",
    )  # fmt: skip

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/api/v1/memberships/{body['id']}"
    assert (body["role"], body["start_on"], body["end_on"]) == (
        "substitute",
        "2024-09-01",
        "2025-08-31",
    )
    assert body["person"]["last_name"] == "Zola"
    stored = session.exec(select(Membership).where(Membership.id == uuid.UUID(body["id"]))).one()
    assert (stored.person_id, stored.sort_key) == (person.id, "zola emile")


def test_enrolling_a_new_person_creates_them(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    new = {"first_name": "Inès", "last_name": "Roux", "category": "student"}

    response = _enrol(client, committee, admin_headers, person=new)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["start_on"] == today().isoformat()
    assert body["end_on"] is None
    assert body["status"] == "current"
    person = session.get(Person, uuid.UUID(body["person_id"]))
    assert person is not None
    assert (person.first_name, person.category) == ("Inès", "student")


@pytest.mark.parametrize(
    ("start_on", "years", "end_on"),
    [
        (date(2024, 1, 1), 1, date(2024, 12, 31)),
        (date(2024, 1, 1), 3, date(2026, 12, 31)),
        (date(2024, 9, 15), 1, date(2025, 9, 14)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # anniversary in a common year: 1 March
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2023, 3, 1), 1, date(2024, 2, 29)),  # the term spans a 29 February
        (date(2024, 3, 1), 1, date(2025, 2, 28)),
        (date(2023, 2, 28), 1, date(2024, 2, 27)),
    ],
)
def test_a_term_ends_the_day_before_its_anniversary(
    start_on: date, years: int, end_on: date
) -> None:
    assert term_end(start_on, years) == end_on


def test_term_years_through_the_api_from_29_february(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)

    one = _enrol(client, committee, admin_headers, person_id=str(make_person(session).id),
                 start_on="2024-02-29", term_years=1)  # fmt: skip
    three = _enrol(client, committee, admin_headers, person_id=str(make_person(session).id),
                   start_on="2024-02-29", term_years=3)  # fmt: skip

    assert one.json()["end_on"] == "2025-02-28"
    assert three.json()["end_on"] == "2027-02-28"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, None),  # neither person_id nor person
        ({"person": {"first_name": "A", "last_name": "B", "category": "other"}}, None),  # both
        ({"end_on": "2025-01-01", "term_years": 1}, None),
        ({"term_years": 2}, "term_years"),
        ({"start_on": "2024-05-01", "end_on": "2024-04-30"}, "end_on"),
        ({"role": "president"}, "role"),
        ({"external_id": "x-1"}, None),  # without its source
        ({"card_number": ""}, "card_number"),
        ({"start_on": "2100-06-01", "term_years": 1}, "term_years"),  # ends after 2100
        ({"term_years": True}, "term_years"),  # lax pydantic reads `true` as 1
    ],
)
def test_enrolling_refuses_invalid_terms(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    fields: dict[str, Any],
    field: str | None,
) -> None:
    committee = make_committee(session)
    person = make_person(session)
    sent = ({"person_id": str(person.id)} | fields) if fields else {}

    response = _enrol(client, committee, admin_headers, **sent)

    problem = assert_problem(response, 422, "validation-error")
    if field is not None:
        assert any(field in e["loc"] for e in problem["errors"]), problem["errors"]


def test_the_body_must_be_one_of_this_committee(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    elsewhere = make_body(session, committee=make_committee(session))
    person = make_person(session)

    response = _enrol(
        client, committee, admin_headers, person_id=str(person.id), body_id=str(elsewhere.id)
    )

    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["loc"] == ["body", "body_id"]


def test_an_admin_cannot_enrol_a_person_known_only_to_another_committee(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = auth(make_user(session, role=Role.committee_admin, committee=committee))
    theirs = make_membership(session, committee=make_committee(session)).person_id
    fresh = make_person(session)
    ours = make_membership(session, committee=committee, end_on=date(2024, 12, 31)).person_id

    refused = _enrol(client, committee, admin, person_id=str(theirs))
    unknown = _enrol(client, committee, admin, person_id=str(uuid.uuid4()))

    assert assert_problem(refused, 422)["detail"] == assert_problem(unknown, 422)["detail"]
    assert _enrol(client, committee, admin, person_id=str(fresh.id)).status_code == 201
    assert _enrol(client, committee, admin, person_id=str(ours)).status_code == 201


def test_a_card_number_belongs_to_one_person_in_a_committee(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    holder = make_membership(session, committee=committee, card_number="07-001", term_years=1)
    other = make_person(session)

    taken = _enrol(client, committee, admin_headers, person_id=str(other.id), card_number="07-001")
    elsewhere = _enrol(client, make_committee(session), admin_headers, person_id=str(other.id),
                       card_number="07-001")  # fmt: skip
    renewed = client.post(
        f"/api/v1/memberships/{holder.id}/renew", json={"term_years": 1}, headers=admin_headers
    )
    same_person = _enrol(client, committee, admin_headers, person_id=str(holder.person_id),
                         card_number="07-001", start_on="2026-01-01")  # fmt: skip
    mine = make_membership(session, committee=committee, person=other, card_number="07-002")
    patched = client.patch(
        f"/api/v1/memberships/{mine.id}",
        json={"card_number": "07-001"},
        headers=editing(client, f"/api/v1/memberships/{mine.id}", admin_headers),
    )

    problem = assert_problem(taken, 409, "conflict")
    assert "card number" in problem["detail"]
    assert elsewhere.status_code == 201, elsewhere.text
    assert same_person.status_code == 201, same_person.text
    assert renewed.json()["card_number"] == "07-001"
    assert_problem(patched, 409, "conflict")


def test_an_external_id_is_unique_per_source(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    make_membership(session, committee=committee, external_id="m-1", source="cd07")
    sync = {"external_id": "m-1", "source": "cd07"}

    first, second = (str(make_person(session).id) for _ in range(2))

    clash = _enrol(client, committee, admin_headers, person_id=first, **sync)
    other_source = _enrol(
        client, committee, admin_headers, person_id=second, **sync | {"source": "cd26"}
    )

    assert_problem(clash, 409, "conflict")
    assert other_source.status_code == 201


def test_ending_a_term_keeps_it_and_refuses_impossible_ends(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    term = make_membership(session, committee=make_committee(session), end_on=date(2025, 12, 31))
    url = f"/api/v1/memberships/{term.id}/end"

    before_start = client.post(url, json={"end_on": "2023-12-31"}, headers=admin_headers)
    later = client.post(url, json={"end_on": "2026-06-30"}, headers=admin_headers)
    ended = client.post(url, json={"end_on": "2024-06-30"}, headers=admin_headers)
    again = client.post(url, json={"end_on": "2024-09-30"}, headers=admin_headers)
    same_day = client.post(url, json={"end_on": "2024-06-30"}, headers=admin_headers)

    assert_problem(before_start, 422, "validation-error")
    assert "2025-12-31" in assert_problem(later, 409, "conflict")["detail"]
    assert ended.status_code == 200, ended.text
    assert ended.json()["end_on"] == "2024-06-30"
    assert ended.json()["status"] == "ended"
    assert ended.headers["ETag"] == '"2"'
    assert "2024-06-30" in assert_problem(again, 409, "conflict")["detail"]
    assert_problem(same_day, 409, "conflict")
    stored = session.exec(select(Membership.end_on).where(Membership.id == term.id)).one()
    assert stored == date(2024, 6, 30)


def test_ending_an_open_term_and_on_its_first_day(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    term = make_membership(session, committee=make_committee(session))

    response = client.post(
        f"/api/v1/memberships/{term.id}/end",
        json={"end_on": "2024-01-01"},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    assert response.json()["end_on"] == "2024-01-01"


def test_renewal_adds_a_term_and_leaves_the_old_one_alone(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    old = make_membership(
        session, committee=make_committee(session), role="substitute", term_years=1
    )

    response = client.post(
        f"/api/v1/memberships/{old.id}/renew",
        json={"term_years": 3, "role": "titular"},
        headers=admin_headers,
    )

    assert response.status_code == 201, response.text
    new = response.json()
    assert response.headers["Location"] == f"/api/v1/memberships/{new['id']}"
    assert new["id"] != str(old.id)
    assert (new["start_on"], new["end_on"], new["role"]) == ("2025-01-01", "2027-12-31", "titular")
    assert new["renewal_of_id"] == str(old.id)
    assert new["person_id"] == str(old.person_id)
    row = session.exec(
        select(Membership.role, Membership.end_on, Membership.version).where(
            Membership.id == old.id
        )
    ).one()
    assert tuple(row) == ("substitute", date(2024, 12, 31), 1)


@pytest.mark.parametrize(
    "field", ["committee_id", "person_id", "body_id", "card_number", "external_id", "source"]
)
def test_renewal_carries_every_identifying_field(
    client: TestClient, admin_headers: dict[str, str], session: Session, field: str
) -> None:
    """What a département's sync finds a membership by survives each renewal."""
    committee = make_committee(session)
    first = make_membership(
        session, committee=committee, body_id=str(make_body(session, committee=committee).id),
        card_number="07-042", external_id="RH-2024-0042", source="cd07-sirh", term_years=1,
    )  # fmt: skip
    expected = str(getattr(first, field))

    second = client.post(
        f"/api/v1/memberships/{first.id}/renew", json={"term_years": 1}, headers=admin_headers
    )
    third = client.post(
        f"/api/v1/memberships/{second.json()['id']}/renew",
        json={"term_years": 3},
        headers=admin_headers,
    )
    listed = client.get(_url(committee), params={"as_of": "2026-06-01"}, headers=admin_headers)

    assert second.status_code == third.status_code == 201, third.text
    assert second.json()[field] == third.json()[field] == expected
    [current] = listed.json()["items"]
    assert (current["id"], current[field]) == (third.json()["id"], expected)
    stored = session.exec(select(Membership).where(Membership.person_id == first.person_id)).all()
    assert {str(getattr(term, field)) for term in stored} == {expected}


def test_a_carried_external_id_still_names_one_membership(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    sync = {"external_id": "RH-1", "source": "cd07-sirh"}
    first = make_membership(session, committee=committee, term_years=1, **sync)
    client.post(f"/api/v1/memberships/{first.id}/renew", json={"term_years": 1},
                headers=admin_headers)  # fmt: skip

    clash = _enrol(client, committee, admin_headers, person_id=str(make_person(session).id),
                   start_on="2026-01-01", **sync)  # fmt: skip

    assert_problem(clash, 409, "conflict")


def test_renewal_with_an_explicit_start_and_end(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    old = make_membership(session, committee=make_committee(session), end_on=date(2024, 6, 30))
    url = f"/api/v1/memberships/{old.id}/renew"

    overlapping = client.post(
        url, json={"start_on": "2024-06-30", "end_on": "2025-06-30"}, headers=admin_headers
    )
    after_a_gap = client.post(
        url, json={"start_on": "2024-09-01", "end_on": "2025-08-31"}, headers=admin_headers
    )

    assert_problem(overlapping, 422, "validation-error")
    assert after_a_gap.status_code == 201, after_a_gap.text
    assert (after_a_gap.json()["start_on"], after_a_gap.json()["end_on"]) == (
        "2024-09-01",
        "2025-08-31",
    )


@pytest.mark.parametrize(
    "sent", [{}, {"term_years": 1, "end_on": "2030-01-01"}, {"term_years": 5}, {"foo": 1}]
)
def test_renewal_needs_one_way_to_end(
    client: TestClient, admin_headers: dict[str, str], session: Session, sent: dict[str, Any]
) -> None:
    old = make_membership(session, committee=make_committee(session), term_years=1)

    response = client.post(f"/api/v1/memberships/{old.id}/renew", json=sent, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_renewal_is_refused_for_open_terms_and_renewed_ones(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    open_term = make_membership(session, committee=committee)
    old = make_membership(session, committee=committee, term_years=1)
    renew = {"term_years": 1}

    no_end = client.post(
        f"/api/v1/memberships/{open_term.id}/renew", json=renew, headers=admin_headers
    )
    first = client.post(f"/api/v1/memberships/{old.id}/renew", json=renew, headers=admin_headers)
    second = client.post(f"/api/v1/memberships/{old.id}/renew", json=renew, headers=admin_headers)

    assert "no end date" in assert_problem(no_end, 409, "conflict")["detail"]
    assert first.status_code == 201
    assert "later term" in assert_problem(second, 409, "conflict")["detail"]
    terms = session.exec(select(Membership.id).where(Membership.person_id == old.person_id)).all()
    assert len(terms) == 2


def test_patch_corrects_a_term(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    copil = make_body(session, committee=committee)
    term = make_membership(session, committee=committee, card_number="1")
    url = f"/api/v1/memberships/{term.id}"

    changed = client.patch(
        url,
        json={
            "role": "pilot",
            "body_id": str(copil.id),
            "card_number": None,
            "end_on": "2024-12-31",
        },
        headers=admin_headers | {"If-Match": '"1"'},
    )
    stale = client.patch(url, json={"role": "member"}, headers=admin_headers | {"If-Match": '"1"'})
    null_role = client.patch(url, json={"role": None}, headers=admin_headers)
    other_body = client.patch(
        url,
        json={"body_id": str(make_body(session, committee=make_committee(session)).id)},
        headers=admin_headers,
    )
    before_start = client.patch(url, json={"end_on": "2023-01-01"}, headers=admin_headers)

    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["role"], body["body_id"], body["card_number"], body["end_on"]) == (
        "pilot", str(copil.id), None, "2024-12-31",
    )  # fmt: skip
    assert changed.headers["ETag"] == '"2"'
    assert_problem(stale, 412, "precondition-failed")
    assert_problem(null_role, 422, "validation-error")
    assert_problem(other_body, 422, "validation-error")
    assert_problem(before_start, 422, "validation-error")
    stored = session.exec(select(Membership.role).where(Membership.id == term.id)).one()
    assert stored == "pilot"


def test_patch_cannot_make_a_term_overlap_its_renewal(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    old = make_membership(session, committee=make_committee(session), term_years=1)
    client.post(
        f"/api/v1/memberships/{old.id}/renew", json={"term_years": 1}, headers=admin_headers
    )
    url = f"/api/v1/memberships/{old.id}"

    into_renewal = client.patch(
        url, json={"end_on": "2025-01-01"}, headers=editing(client, url, admin_headers)
    )
    open_ended = client.patch(
        url, json={"end_on": None}, headers=editing(client, url, admin_headers)
    )
    shorter = client.patch(
        url, json={"end_on": "2024-11-30"}, headers=editing(client, url, admin_headers)
    )

    assert "2025-01-01" in assert_problem(into_renewal, 409, "conflict")["detail"]
    assert_problem(open_ended, 409, "conflict")
    assert shorter.status_code == 200
