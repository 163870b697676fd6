"""Expense-claim decisions: approval, rejection, payment and the transitions refused."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Meeting
from tests.assertions import assert_problem
from tests.factories import auth, make_user
from tests.meetings.claims_helpers import _claim, _claim_url, _claimant


def test_a_claim_is_approved_then_paid(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_user: User,
    admin_of: dict[str, str],
) -> None:
    claim = _claim(session, meeting, _claimant(session, meeting, committee))
    url = _claim_url(claim) + "/transitions"

    approved = client.post(url, json={"status": "approved"}, headers=admin_of | {"If-Match": '"1"'})
    paid = client.post(url, json={"status": "paid"}, headers=admin_of | {"If-Match": '"2"'})

    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == str(admin_user.id)
    assert approved.json()["decided_at"] is not None
    assert approved.json()["paid_at"] is None
    assert approved.headers["ETag"] == '"2"'
    assert paid.status_code == 200, paid.text
    assert paid.json()["status"] == "paid"
    assert paid.json()["paid_at"] is not None
    assert paid.json()["decided_at"] == approved.json()["decided_at"]
    assert paid.headers["ETag"] == '"3"'
    session.refresh(claim)
    assert (claim.status, claim.decided_by, claim.version) == ("paid", admin_user.id, 3)
    assert claim.paid_at is not None


def test_a_claim_is_rejected(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_user: User,
    admin_of: dict[str, str],
) -> None:
    claim = _claim(session, meeting, _claimant(session, meeting, committee))

    response = client.post(
        _claim_url(claim) + "/transitions", json={"status": "rejected"}, headers=admin_of
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected"
    assert response.json()["decided_by"] == str(admin_user.id)
    session.refresh(claim)
    assert claim.status == "rejected"


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("submitted", "paid"),
        ("approved", "approved"),
        ("approved", "rejected"),
        ("rejected", "approved"),
        ("rejected", "paid"),
        ("paid", "approved"),
        ("paid", "rejected"),
        ("paid", "paid"),
    ],
)
def test_other_transitions_are_conflicts(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    current: str,
    wanted: str,
) -> None:
    claim = _claim(session, meeting, _claimant(session, meeting, committee), status=current)

    response = client.post(
        _claim_url(claim) + "/transitions", json={"status": wanted}, headers=admin_of
    )

    body = assert_problem(response, 409, "conflict")
    assert f"A claim cannot go from '{current}' to '{wanted}'" in body["detail"]
    session.refresh(claim)
    assert claim.status == current


@pytest.mark.parametrize("body", [{"status": "submitted"}, {"status": "lost"}, {}])
def test_a_transition_names_a_target_status(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
    body: dict[str, Any],
) -> None:
    claim = _claim(session, meeting, _claimant(session, meeting, committee))

    response = client.post(_claim_url(claim) + "/transitions", json=body, headers=admin_of)

    assert_problem(response, 422, "validation-error")


def test_a_stale_if_match_is_refused(
    client: TestClient,
    session: Session,
    committee: Committee,
    meeting: Meeting,
    admin_of: dict[str, str],
) -> None:
    claim = _claim(session, meeting, _claimant(session, meeting, committee))
    url = _claim_url(claim) + "/transitions"
    client.post(url, json={"status": "approved"}, headers=admin_of)

    response = client.post(url, json={"status": "paid"}, headers=admin_of | {"If-Match": '"1"'})

    assert_problem(response, 412, "precondition-failed")
    session.refresh(claim)
    assert claim.status == "approved"


def test_nobody_decides_on_their_own_claim(
    client: TestClient, session: Session, committee: Committee, meeting: Meeting
) -> None:
    person = _claimant(session, meeting, committee)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    admin.person_id = person.id
    session.add(admin)
    session.flush()
    claim = _claim(session, meeting, person)

    response = client.post(
        _claim_url(claim) + "/transitions", json={"status": "approved"}, headers=auth(admin)
    )

    assert_problem(response, 403, "forbidden")
