"""Votes: motions, ballots and their computed results."""

import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Attendance, Ballot, Meeting, Motion
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting, make_member, make_membership, make_person


def _attend(session: Session, meeting: Meeting, person: Person, status: str) -> None:
    session.add(
        Attendance(
            meeting_id=meeting.id, person_id=person.id, status=status, category=person.category
        )
    )
    session.flush()


def _voter(session: Session, meeting: Meeting, committee: Committee, status: str) -> Person:
    person = make_member(session, committee=committee)
    _attend(session, meeting, person, status)
    return person


def _motion(session: Session, meeting: Meeting, **fields: Any) -> Motion:
    motion = Motion(meeting_id=meeting.id, **({"title": "Nouvelle gouvernance"} | fields))
    session.add(motion)
    session.flush()
    return motion


def _link(session: Session, user: User, person: Person) -> None:
    user.person_id = person.id
    session.add(user)
    session.flush()


def _votes(meeting: Meeting) -> str:
    return f"/api/v1/meetings/{meeting.id}/votes"


def _ballots(motion: Motion) -> str:
    return f"/api/v1/meetings/{motion.meeting_id}/votes/{motion.id}/ballots"


@pytest.fixture
def committee(session: Session) -> Committee:
    return make_committee(session, is_public=False)


@pytest.fixture
def admin_of(session: Session, committee: Committee) -> dict[str, str]:
    return auth(make_user(session, role=Role.committee_admin, committee=committee))


@pytest.fixture
def agora(session: Session, committee: Committee) -> Meeting:
    return make_meeting(session, committee=committee, kind="agora", title="Agora")


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


@pytest.mark.parametrize("status", ["registered", "excused", "absent", None])
def test_at_an_agora_only_people_marked_present_vote(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
    status: str | None,
) -> None:
    person = make_member(session, committee=committee)
    if status is not None:
        _attend(session, agora, person, status)
    motion = _motion(session, agora)

    response = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": "for"}, headers=admin_of
    )

    body = assert_problem(response, 409, "conflict")
    assert "only people marked present at this agora may vote" in body["detail"].lower()
    assert session.exec(select(Ballot).where(Ballot.motion_id == motion.id)).all() == []


def test_a_person_present_at_an_agora_votes_once(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    person = _voter(session, agora, committee, "present")
    motion = _motion(session, agora)

    first = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": "for"}, headers=admin_of
    )
    second = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": "against"}, headers=admin_of
    )

    assert first.status_code == 201, first.text
    assert first.json()["choice"] == "for"
    assert first.json()["person_id"] == str(person.id)
    body = assert_problem(second, 409, "conflict")
    assert "already voted" in body["detail"]
    stored = session.exec(select(Ballot).where(Ballot.motion_id == motion.id)).all()
    assert [(b.person_id, b.choice) for b in stored] == [(person.id, "for")]


def test_results_are_counted_and_a_majority_of_votes_cast_adopts(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    adopted = _motion(session, agora, title="Adoptée")
    rejected = _motion(session, agora, title="Rejetée")
    for choice in ["for", "for", "for", "against", "abstain", "abstain"]:
        person = _voter(session, agora, committee, "present")
        for motion, chosen in ((adopted, choice), (rejected, _flip(choice))):
            response = client.post(
                _ballots(motion), json={"person_id": str(person.id), "choice": chosen},
                headers=admin_of,
            )  # fmt: skip
            assert response.status_code == 201, response.text

    listed = client.get(_votes(agora), headers=admin_of)
    single = client.get(f"{_votes(agora)}/{adopted.id}", headers=admin_of)

    assert listed.status_code == 200, listed.text
    items = {item["title"]: item for item in listed.json()["items"]}
    assert items["Adoptée"]["results"] == {
        "for": 3, "against": 1, "abstain": 2, "total": 6, "outcome": "adopted",
    }  # fmt: skip
    assert items["Rejetée"]["results"] == {
        "for": 1, "against": 3, "abstain": 2, "total": 6, "outcome": "rejected",
    }  # fmt: skip
    assert single.status_code == 200
    assert single.json() == items["Adoptée"]
    assert single.headers["ETag"] == '"1"'


def _flip(choice: str) -> str:
    return {"for": "against", "against": "for"}.get(choice, choice)


def test_a_tie_is_rejected(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    motion = _motion(session, agora)
    for choice in ("for", "against", "abstain"):
        person = _voter(session, agora, committee, "present")
        response = client.post(
            _ballots(motion), json={"person_id": str(person.id), "choice": choice},
            headers=admin_of,
        )  # fmt: skip
        assert response.status_code == 201, response.text

    results = client.get(f"{_votes(agora)}/{motion.id}", headers=admin_of).json()["results"]

    assert results == {"for": 1, "against": 1, "abstain": 1, "total": 3, "outcome": "rejected"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [("present", 201), ("registered", 201), ("excused", 409), ("absent", 409), (None, 409)],
)
def test_at_other_meetings_registered_or_present_people_vote(
    client: TestClient,
    session: Session,
    committee: Committee,
    admin_of: dict[str, str],
    status: str | None,
    expected: int,
) -> None:
    copil = make_meeting(session, committee=committee, kind="body_meeting")
    person = make_member(session, committee=committee)
    if status is not None:
        _attend(session, copil, person, status)
    motion = _motion(session, copil)

    response = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": "for"}, headers=admin_of
    )

    if expected == 201:
        assert response.status_code == 201, response.text
    else:
        body = assert_problem(response, 409, "conflict")
        assert "registered for or marked present" in body["detail"]


def test_voters_hold_or_held_a_membership_of_the_committee(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    outsider = make_person(session)
    _attend(session, agora, outsider, "present")
    former = make_person(session)
    make_membership(
        session, committee=committee, person=former,
        start_on=date(2020, 1, 1), end_on=date(2021, 1, 1),
    )  # fmt: skip
    _attend(session, agora, former, "present")
    elsewhere = make_member(session, committee=make_committee(session))
    _attend(session, agora, elsewhere, "present")
    motion = _motion(session, agora)

    def vote(person_id: uuid.UUID) -> Any:
        return client.post(
            _ballots(motion), json={"person_id": str(person_id), "choice": "for"}, headers=admin_of
        )

    body = assert_problem(vote(outsider.id), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "person_id"]
    assert_problem(vote(elsewhere.id), 422, "validation-error")
    assert_problem(vote(uuid.uuid4()), 422, "validation-error")
    assert vote(former.id).status_code == 201


def test_a_member_votes_for_themself_only_and_sees_their_choice(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
) -> None:
    me = _voter(session, agora, committee, "present")
    other = _voter(session, agora, committee, "present")
    user = make_user(session, role=Role.member, committee=committee)
    _link(session, user, me)
    unlinked = make_user(session, role=Role.member, committee=committee)
    motion = _motion(session, agora)

    for_other = client.post(
        _ballots(motion), json={"person_id": str(other.id), "choice": "for"}, headers=auth(user)
    )
    no_person = client.post(
        _ballots(motion), json={"person_id": str(me.id), "choice": "for"}, headers=auth(unlinked)
    )
    mine = client.post(
        _ballots(motion), json={"person_id": str(me.id), "choice": "abstain"}, headers=auth(user)
    )
    listed = client.get(_votes(agora), headers=auth(user))
    who_voted = client.get(_ballots(motion), headers=auth(user))

    assert_problem(for_other, 403, "forbidden")
    assert_problem(no_person, 403, "forbidden")
    assert mine.status_code == 201, mine.text
    item = listed.json()["items"][0]
    assert item["own_choice"] == "abstain"
    assert item["results"]["abstain"] == 1
    assert_problem(who_voted, 403, "forbidden")


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


@pytest.mark.parametrize("choice", ["yes", "", None, "FOR"])
def test_a_ballot_has_a_known_choice(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
    choice: str | None,
) -> None:
    person = _voter(session, agora, committee, "present")
    motion = _motion(session, agora)

    response = client.post(
        _ballots(motion), json={"person_id": str(person.id), "choice": choice}, headers=admin_of
    )

    assert_problem(response, 422, "validation-error")


def test_admins_list_who_voted_what(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    people = [_voter(session, agora, committee, "present") for _ in range(3)]
    motion = _motion(session, agora)
    for person, choice in zip(people, ("for", "against", "abstain"), strict=True):
        client.post(
            _ballots(motion), json={"person_id": str(person.id), "choice": choice},
            headers=admin_of,
        )  # fmt: skip

    first = client.get(_ballots(motion), params={"limit": 2}, headers=admin_of)
    rest = client.get(
        _ballots(motion), params={"cursor": first.json()["next_cursor"]}, headers=admin_of
    )

    assert first.status_code == 200, first.text
    items = first.json()["items"] + rest.json()["items"]
    assert rest.json()["next_cursor"] is None
    assert {(i["person_id"], i["choice"]) for i in items} == {
        (str(people[0].id), "for"), (str(people[1].id), "against"), (str(people[2].id), "abstain"),
    }  # fmt: skip


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
