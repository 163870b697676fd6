"""Motions: creation, listing, closing and the meeting each belongs to."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.committees.models import Committee
from api.meetings.models import Meeting, Motion
from tests.assertions import assert_problem
from tests.meetings.factories import make_meeting
from tests.meetings.votes_helpers import _ballots, _motion, _voter, _votes


def test_a_motion_is_created_open_with_empty_results(
    client: TestClient, session: Session, agora: Meeting, admin_of: dict[str, str]
) -> None:
    response = client.post(
        _votes(agora), json={"title": "Nouvelle gouvernance", "description": "…"}, headers=admin_of
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "open"
    assert body["closed_at"] is None
    assert body["results"] == {
        "for": 0, "against": 0, "abstain": 0, "total": 0, "outcome": "rejected",
    }  # fmt: skip
    assert body["own_choice"] is None
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{_votes(agora)}/{body['id']}"
    stored = session.get(Motion, uuid.UUID(body["id"]))
    assert stored is not None
    assert (stored.meeting_id, stored.title) == (agora.id, "Nouvelle gouvernance")


@pytest.mark.parametrize("body", [{"title": ""}, {}, {"title": "x" * 301}, {"title": "T", "x": 1}])
def test_a_motion_needs_a_title(
    client: TestClient, agora: Meeting, admin_of: dict[str, str], body: dict[str, Any]
) -> None:
    assert_problem(client.post(_votes(agora), json=body, headers=admin_of), 422, "validation-error")


def test_a_closed_motion_takes_no_ballot_and_closes_once(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    person = _voter(session, agora, committee, "present")
    motion = _motion(session, agora)
    close = f"{_votes(agora)}/{motion.id}/close"

    closed = client.post(close, headers=admin_of | {"If-Match": '"1"'})
    again = client.post(close, headers=admin_of)
    stale = client.post(close, headers=admin_of | {"If-Match": '"1"'})
    ballot = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": "for"}, headers=admin_of
    )

    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_at"] is not None
    assert closed.headers["ETag"] == '"2"'
    assert "already closed" in assert_problem(again, 409, "conflict")["detail"]
    assert_problem(stale, 412, "precondition-failed")
    assert "closed" in assert_problem(ballot, 409, "conflict")["detail"]
    session.refresh(motion)
    assert motion.closed_at is not None
    get = client.get(f"{_votes(agora)}/{motion.id}", headers=admin_of)
    assert get.headers["ETag"] == '"2"'


def test_a_motion_belongs_to_its_meeting(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    other = make_meeting(session, committee=committee)
    motion = _motion(session, other)
    person = _voter(session, agora, committee, "present")

    wrong = f"{_votes(agora)}/{motion.id}"
    assert_problem(client.get(wrong, headers=admin_of), 404, "not-found")
    assert_problem(client.post(wrong + "/close", headers=admin_of), 404, "not-found")
    assert_problem(
        client.post(
            wrong + "/ballots", json={"person_id": str(person.id), "choice": "for"},
            headers=admin_of,
        ),
        404,
        "not-found",
    )  # fmt: skip
    assert_problem(client.get(wrong + "/ballots", headers=admin_of), 404, "not-found")
    assert client.get(_votes(agora), headers=admin_of).json()["items"] == []


def test_motions_are_listed_in_order_page_by_page(
    client: TestClient, session: Session, agora: Meeting, admin_of: dict[str, str]
) -> None:
    for n in range(3):
        client.post(_votes(agora), json={"title": f"Motion {n}"}, headers=admin_of)

    first = client.get(_votes(agora), params={"limit": 2}, headers=admin_of).json()
    second = client.get(
        _votes(agora), params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin_of
    ).json()

    titles = [i["title"] for i in first["items"] + second["items"]]
    assert titles == ["Motion 0", "Motion 1", "Motion 2"]
    assert second["next_cursor"] is None
    stored = session.exec(select(Motion).where(col(Motion.meeting_id) == agora.id)).all()
    assert len(stored) == 3
