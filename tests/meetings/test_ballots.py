"""Ballots: who may vote at an agora and at other meetings, one ballot each, who sees them."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import local_day
from api.meetings.models import Ballot, Meeting
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.meetings.votes_helpers import _attend, _ballots, _link, _motion, _voter, _votes
from tests.memberships.factories import insert_membership, make_member
from tests.people.factories import make_person


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


def test_voters_hold_a_term_in_the_committee_on_the_meeting_s_day(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    day = local_day(agora.starts_at)
    outsider = make_person(session)
    _attend(session, agora, outsider, "present")
    former, upcoming, left_since = (make_person(session) for _ in range(3))
    for person, start_on, end_on in (
        (former, date(2020, 1, 1), day - timedelta(days=1)),
        (upcoming, day + timedelta(days=1), None),
        (left_since, date(2020, 1, 1), day),
    ):
        insert_membership(session, committee=committee, person=person, start_on=start_on,
                          end_on=end_on)  # fmt: skip
        _attend(session, agora, person, "present")
    elsewhere = make_member(session, committee=make_committee(session))
    _attend(session, agora, elsewhere, "present")
    motion = _motion(session, agora)

    def vote(person_id: uuid.UUID) -> Any:
        return client.post(
            _ballots(motion), json={"person_id": str(person_id), "choice": "for"}, headers=admin_of
        )

    body = assert_problem(vote(outsider.id), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "person_id"]
    assert day.isoformat() in body["detail"]
    for refused in (elsewhere.id, uuid.uuid4(), former.id, upcoming.id):
        assert_problem(vote(refused), 422, "validation-error")
    assert vote(left_since.id).status_code == 201


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
