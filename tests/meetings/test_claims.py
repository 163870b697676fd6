"""Transport expense claims: eligibility, amounts in cents, who submits, who sees which claim."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import local_day
from api.meetings.models import ExpenseClaim, Meeting
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.claims_helpers import _attend, _claim, _claim_url, _claimant, _claims, _login
from tests.meetings.factories import make_meeting
from tests.memberships.factories import insert_membership, make_member
from tests.people.factories import make_person


def test_an_admin_submits_a_claim_on_someones_behalf(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
) -> None:
    person = _claimant(session, meeting, committee)

    response = client.post(
        _claims(meeting),
        json={"person_id": str(person.id), "amount": "12.34", "description": "Bus Privas"},
        headers=admin_of,
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["amount"] == "12.34"
    assert body["status"] == "submitted"
    assert (body["decided_at"], body["decided_by"], body["paid_at"]) == (None, None, None)
    assert body["person_id"] == str(person.id)
    assert body["meeting_id"] == str(meeting.id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == _claim_url(body["id"])
    stored = session.get(ExpenseClaim, uuid.UUID(body["id"]))
    assert stored is not None
    assert (stored.amount_cents, stored.description) == (1234, "Bus Privas")


@pytest.mark.parametrize(
    ("amount", "stored", "shown"),
    [
        ("12.34", 1234, "12.34"),
        (12.5, 1250, "12.50"),
        ("0.01", 1, "0.01"),
        (0.1, 10, "0.10"),
        ("2000", 200_000, "2000.00"),
        ("7.10", 710, "7.10"),
        (3, 300, "3.00"),
    ],
)
def test_amounts_are_kept_in_cents(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    amount: Any,
    stored: int,
    shown: str,
) -> None:
    person = _claimant(session, meeting, committee)

    response = client.post(
        _claims(meeting), json={"person_id": str(person.id), "amount": amount}, headers=admin_of
    )

    assert response.status_code == 201, response.text
    assert response.json()["amount"] == shown
    claim = session.get(ExpenseClaim, uuid.UUID(response.json()["id"]))
    assert claim is not None
    assert claim.amount_cents == stored


@pytest.mark.parametrize(
    "amount",
    ["12.345", 12.345, "-1", -1, "0", 0, "0.00", "2000.01", "abc", "", None, True, "NaN",
     "Infinity", "1e400", [], {}],
)  # fmt: skip
def test_bad_amounts_are_refused(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    amount: Any,
) -> None:
    person = _claimant(session, meeting, committee)

    response = client.post(
        _claims(meeting), json={"person_id": str(person.id), "amount": amount}, headers=admin_of
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"][:2] == ["body", "amount"]


@pytest.mark.parametrize("status", ["registered", "excused", "absent", None])
def test_only_people_present_claim(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    status: str | None,
) -> None:
    person = make_member(session, committee=committee, category="person_supported")
    if status is not None:
        _attend(session, meeting, person, status)

    response = client.post(
        _claims(meeting), json={"person_id": str(person.id), "amount": "5"}, headers=admin_of
    )

    body = assert_problem(response, 409, "conflict")
    assert "marked present" in body["detail"]


def test_only_personnes_accompagnees_claim_as_they_were_that_day(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
) -> None:
    professional = make_member(session, committee=committee, category="social_worker")
    _attend(session, meeting, professional)
    # Recorded as a professional that day, whatever their category now.
    now_supported = make_member(session, committee=committee, category="person_supported")
    _attend(session, meeting, now_supported, category="student")
    # A personne accompagnée that day who has since become a volunteer keeps the right.
    then_supported = make_member(session, committee=committee, category="volunteer")
    _attend(session, meeting, then_supported, category="person_supported")

    def claim(person: Person) -> Any:
        return client.post(
            _claims(meeting), json={"person_id": str(person.id), "amount": "5"}, headers=admin_of
        )

    body = assert_problem(claim(professional), 422, "validation-error")
    assert "person_supported" in body["detail"]
    assert body["errors"][0]["loc"] == ["body", "person_id"]
    assert_problem(claim(now_supported), 422, "validation-error")
    assert claim(then_supported).status_code == 201
    unknown = client.post(
        _claims(meeting), json={"person_id": str(uuid.uuid4()), "amount": "5"}, headers=admin_of
    )
    assert "No person" in assert_problem(unknown, 422, "validation-error")["detail"]


def test_a_person_submits_their_own_claim_not_someone_elses(
    client: TestClient, session: Session, committee: Committee, meeting: Meeting
) -> None:
    me = _claimant(session, meeting, committee)
    other = _claimant(session, meeting, committee)
    user = _login(session, committee, me)
    unlinked = _login(session, committee)

    mine = client.post(
        _claims(meeting), json={"person_id": str(me.id), "amount": "8.20"}, headers=auth(user)
    )
    theirs = client.post(
        _claims(meeting), json={"person_id": str(other.id), "amount": "8.20"}, headers=auth(user)
    )
    anyone = client.post(
        _claims(meeting), json={"person_id": str(me.id), "amount": "1"}, headers=auth(unlinked)
    )

    assert mine.status_code == 201, mine.text
    assert mine.json()["amount"] == "8.20"
    assert_problem(theirs, 403, "forbidden")
    assert_problem(anyone, 403, "forbidden")


def test_who_sees_which_claim(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    admin_headers: dict[str, str],
) -> None:
    me = _claimant(session, meeting, committee)
    other = _claimant(session, meeting, committee)
    mine = _claim(session, meeting, me)
    theirs = _claim(session, meeting, other)
    claimant = auth(_login(session, committee, me))
    colleague = auth(_login(session, committee, make_member(session, committee=committee)))
    foreign = make_committee(session, is_public=False)
    foreign_admin = auth(make_user(session, role=Role.committee_admin, committee=foreign))

    def listed(headers: dict[str, str]) -> set[str]:
        response = client.get(_claims(meeting), headers=headers)
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert listed(admin_of) == {str(mine.id), str(theirs.id)}
    assert listed(admin_headers) == {str(mine.id), str(theirs.id)}
    assert listed(claimant) == {str(mine.id)}
    assert listed(colleague) == set()
    assert_problem(client.get(_claims(meeting), headers=foreign_admin), 404, "not-found")

    for headers in (admin_of, admin_headers, claimant):
        response = client.get(_claim_url(mine), headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["amount"] == "12.50"
        assert response.headers["ETag"] == '"1"'
    for headers in (colleague, foreign_admin):
        assert_problem(client.get(_claim_url(mine), headers=headers), 404, "not-found")
    assert_problem(client.get(_claim_url(theirs), headers=claimant), 404, "not-found")
    assert_problem(client.get(_claim_url(str(uuid.uuid4())), headers=admin_of), 404, "not-found")

    url = _claim_url(mine) + "/transitions"
    decide = {"status": "approved"}
    assert_problem(client.post(url, json=decide, headers=claimant), 403, "forbidden")
    assert_problem(client.post(url, json=decide, headers=colleague), 404, "not-found")
    assert_problem(client.post(url, json=decide, headers=foreign_admin), 404, "not-found")
    session.refresh(mine)
    assert mine.status == "submitted"


def test_claims_are_listed_oldest_first_with_filters(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
) -> None:
    alice = _claimant(session, meeting, committee)
    bob = _claimant(session, meeting, committee)
    first = _claim(session, meeting, alice)
    second = _claim(session, meeting, bob, status="approved")
    third = _claim(session, meeting, alice, status="approved")
    other_meeting = make_meeting(session, committee=committee)
    _claim(session, other_meeting, _claimant(session, other_meeting, committee))

    page1 = client.get(_claims(meeting), params={"limit": 2}, headers=admin_of).json()
    page2 = client.get(
        _claims(meeting), params={"limit": 2, "cursor": page1["next_cursor"]}, headers=admin_of
    ).json()
    approved = client.get(_claims(meeting), params={"status": "approved"}, headers=admin_of)
    of_alice = client.get(_claims(meeting), params={"person_id": str(alice.id)}, headers=admin_of)

    ids = [i["id"] for i in page1["items"] + page2["items"]]
    assert ids == [str(first.id), str(second.id), str(third.id)]
    assert page2["next_cursor"] is None
    assert [i["id"] for i in approved.json()["items"]] == [str(second.id), str(third.id)]
    assert [i["id"] for i in of_alice.json()["items"]] == [str(first.id), str(third.id)]
    bad = client.get(_claims(meeting), params={"status": "lost"}, headers=admin_of)
    assert_problem(bad, 422, "validation-error")


def test_claimants_hold_a_term_on_the_meeting_s_day(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
) -> None:
    """Present as recorded (by an older rule, or before the term was corrected), but no term
    covered the meeting's day: no payment."""
    day = local_day(meeting.starts_at)
    outsider = make_person(session, category="person_supported")
    left = make_person(session, category="person_supported")
    insert_membership(session, committee=committee, person=left, end_on=day - timedelta(days=1))
    for person in (outsider, left):
        _attend(session, meeting, person)

    def claim(person: Person) -> Any:
        return client.post(
            _claims(meeting), json={"person_id": str(person.id), "amount": "5"}, headers=admin_of
        )

    for refused in (outsider, left):
        body = assert_problem(claim(refused), 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "person_id"]
        assert day.isoformat() in body["detail"]
    assert claim(_claimant(session, meeting, committee)).status_code == 201
