"""Helpers for the expense-claim tests: attendance, claimants, claims, logins and URLs."""

from typing import Any

from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Attendance, ExpenseClaim, Meeting
from api.people.models import Person
from tests.factories import make_user
from tests.memberships.factories import make_member


def _attend(
    session: Session, meeting: Meeting, person: Person, status: str = "present", **fields: Any
) -> None:
    session.add(
        Attendance(
            meeting_id=meeting.id,
            person_id=person.id,
            status=status,
            category=fields.get("category", person.category),
        )
    )
    session.flush()


def _claimant(session: Session, meeting: Meeting, committee: Committee) -> Person:
    """A *personne accompagnée* present at the meeting."""
    person = make_member(session, committee=committee, category="person_supported")
    _attend(session, meeting, person)
    return person


def _claim(session: Session, meeting: Meeting, person: Person, **fields: Any) -> ExpenseClaim:
    claim = ExpenseClaim(
        meeting_id=meeting.id,
        person_id=person.id,
        **({"amount_cents": 1250, "status": "submitted"} | fields),
    )
    session.add(claim)
    session.flush()
    return claim


def _login(session: Session, committee: Committee, person: Person | None = None) -> User:
    user = make_user(session, role=Role.member, committee=committee)
    if person is not None:
        user.person_id = person.id
        session.add(user)
        session.flush()
    return user


def _claims(meeting: Meeting) -> str:
    return f"/api/v1/meetings/{meeting.id}/claims"


def _claim_url(claim: ExpenseClaim | str) -> str:
    return f"/api/v1/claims/{claim if isinstance(claim, str) else claim.id}"
