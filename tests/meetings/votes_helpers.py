"""Helpers for the vote tests: attendance, voters, motions, linked users and URLs."""

from typing import Any

from sqlmodel import Session

from api.auth.models import User
from api.committees.models import Committee
from api.meetings.models import Attendance, Meeting, Motion
from api.people.models import Person
from tests.memberships.factories import make_member


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
