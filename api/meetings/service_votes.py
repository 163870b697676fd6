"""Motions put to the vote at a meeting, and their ballots.

One ballot per person per motion. Who may vote depends on the kind of meeting: at an *agora*
only the people marked present (DESIGN §2); at any other meeting the people registered for it
or marked present (attendance is often ticked after the meeting, so a registered participant
must be able to vote; the excused and the absent may not). Voters must hold a term in the
committee on the meeting's day. Results are counted here with a GROUP BY, never stored.
"""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, DateTime, Row, ScalarSelect, bindparam, func, type_coerce
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import local_day, utcnow
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import columns_for, exists
from api.core.writes import store
from api.meetings.models import BALLOT_CHOICES, Attendance, Ballot, Meeting, Motion
from api.meetings.schemas_votes import (
    BallotCreate,
    BallotPublic,
    MotionCreate,
    MotionOutcome,
    MotionPublic,
    MotionStatus,
)
from api.meetings.service import emit_meeting
from api.memberships import service as memberships

# Attendance statuses that carry a vote, by kind of meeting; other kinds use the default.
VOTING_STATUSES = {"agora": frozenset({"present"})}
DEFAULT_VOTING_STATUSES = frozenset({"present", "registered"})

# Sort keys: `paginate` decodes a cursor by the key's Python type, which `UTCDateTime` does not
# declare (it says `object`), so the time columns are keyed as plain timezone-aware DateTimes.
_MOTION_KEYS = [
    type_coerce(col(Motion.created_at), DateTime(timezone=True)).label("created_at"),
    col(Motion.id),
]
_BALLOT_KEYS = [
    type_coerce(col(Ballot.cast_at), DateTime(timezone=True)).label("cast_at"),
    col(Ballot.person_id),
]


class MotionNotFound(NotFound):
    default_detail = "No motion with this id at this meeting."


class MotionClosed(Conflict):
    default_detail = "This motion is closed: it takes no more ballots."


class MotionAlreadyClosed(Conflict):
    default_detail = "This motion is already closed."


class AlreadyVoted(Conflict):
    default_detail = "This person has already voted on this motion; a ballot is cast once."


class NotPresentAtAgora(Conflict):
    def __init__(self, status: str | None) -> None:
        super().__init__(
            "Only people marked present at this agora may vote; this person's attendance is "
            f"{_describe(status)}."
        )


class NotAttending(Conflict):
    def __init__(self, status: str | None) -> None:
        super().__init__(
            "Only people registered for or marked present at this meeting may vote; this "
            f"person's attendance is {_describe(status)}."
        )


class NotAMember(InvalidInput):
    def __init__(self, day: date) -> None:
        super().__init__(
            "This person held no term in the meeting's committee on the meeting's day "
            f"({day.isoformat()}).",
            field="person_id",
        )


class NotYourBallot(Forbidden):
    default_detail = (
        "You may cast only your own ballot; a committee admin records ballots for others."
    )


def _describe(status: str | None) -> str:
    return f"'{status}'" if status is not None else "not recorded"


def motion_version(motion: Motion | Row[Any]) -> int:
    """The motion's ETag version: closing is its only change, so 1 while open, 2 once closed."""
    return 1 if motion.closed_at is None else 2


def get_motion(session: Session, *, meeting: Meeting, motion_id: uuid.UUID) -> Motion:
    motion = session.get(Motion, motion_id)
    if motion is None or motion.meeting_id != meeting.id:
        raise MotionNotFound()
    return motion


def _ballots(choice: str) -> ScalarSelect[int]:
    """SQL: how many ballots of `choice` the motion of the enclosing statement holds."""
    return (
        core_select(func.count())
        .where(col(Ballot.motion_id) == col(Motion.id), col(Ballot.choice) == choice)
        .scalar_subquery()
    )


# The motion's fields, its results and the caller's own choice (`person_id`: null for a
# caller without a person record, who then has none), in the statement that reads it.
_MOTION_FIELDS: list[Any] = [
    col(Motion.id),
    col(Motion.meeting_id),
    col(Motion.title),
    col(Motion.description),
    col(Motion.closed_at),
    col(Motion.created_at),
    *(_ballots(choice).label(f"ballots_{choice}") for choice in BALLOT_CHOICES),
    core_select(col(Ballot.choice))
    .where(
        col(Ballot.motion_id) == col(Motion.id),
        col(Ballot.person_id) == bindparam("person_id"),
    )
    .scalar_subquery()
    .label("own_choice"),
]
# Compared to a column, a parameter takes its type (a UUID is stored differently on SQLite).
_MEETING_ID: BindParameter[Any] = bindparam("meeting_id")
_MOTION_ID: BindParameter[Any] = bindparam("motion_id")
# A GET's one statement (api.meetings.deps): the meeting's committee, for its guard, and the
# motion if it is the meeting's (its fields null otherwise). Built once.
MOTION_OF_MEETING = (
    core_select(col(Meeting.committee_id), *_MOTION_FIELDS)
    .select_from(Meeting)
    .outerjoin(Motion, (col(Motion.meeting_id) == col(Meeting.id)) & (col(Motion.id) == _MOTION_ID))
    .where(col(Meeting.id) == _MEETING_ID)
)
# A list's page, built once: `paginate(params=...)` pages it.
_MOTIONS = core_select(*_MOTION_FIELDS).where(col(Motion.meeting_id) == _MEETING_ID)


def motion_item(row: Any) -> dict[str, Any]:
    """A row of the motion's fields as a `MotionPublic`'s (a page writes it as it is)."""
    for_, against, abstain = row.ballots_for, row.ballots_against, row.ballots_abstain
    return {
        "id": row.id,
        "meeting_id": row.meeting_id,
        "title": row.title,
        "description": row.description,
        "status": MotionStatus.open if row.closed_at is None else MotionStatus.closed,
        "closed_at": row.closed_at,
        "created_at": row.created_at,
        "results": {
            "for": for_,
            "against": against,
            "abstain": abstain,
            "total": for_ + against + abstain,
            "outcome": MotionOutcome.adopted if for_ > against else MotionOutcome.rejected,
        },
        "own_choice": row.own_choice,
    }


def motion_public(session: Session, motion: Motion, *, subject: Subject) -> MotionPublic:
    """The motion with its results and the caller's own choice."""
    params = {"meeting_id": motion.meeting_id, "motion_id": motion.id}
    row = session.execute(MOTION_OF_MEETING, params | {"person_id": subject.person_id}).one()
    return MotionPublic.model_validate(motion_item(row))


def list_motions(
    session: Session, *, meeting_id: uuid.UUID, subject: Subject, limit: int, cursor: str | None
) -> RowsPage:
    """The meeting's motions in the order they were put, with their results."""
    params = {"meeting_id": meeting_id, "person_id": subject.person_id}
    rows, next_cursor = paginate(
        session, _MOTIONS, keys=_MOTION_KEYS, limit=limit, cursor=cursor, params=params
    )
    return [motion_item(row) for row in rows], next_cursor


def create_motion(session: Session, *, meeting: Meeting, data: MotionCreate) -> Motion:
    motion = Motion(meeting_id=meeting.id, title=data.title, description=data.description)
    store(session, motion)
    emit_meeting(session, "meeting.motion.created", meeting, motion_id=motion.id)
    return motion


def close_motion(
    session: Session, *, meeting: Meeting, motion_id: uuid.UUID, if_match: str | None
) -> Motion:
    """Close the vote: the results become final and no ballot is taken any more."""
    motion = get_motion(session, meeting=meeting, motion_id=motion_id)
    etags.check_match(if_match, motion_version(motion))
    if motion.closed_at is not None:
        raise MotionAlreadyClosed()
    motion.closed_at = utcnow()
    store(session, motion)
    emit_meeting(session, "meeting.motion.closed", meeting, motion_id=motion.id)
    return motion


def cast_ballot(
    session: Session,
    *,
    meeting: Meeting,
    motion_id: uuid.UUID,
    data: BallotCreate,
    subject: Subject,
) -> Ballot:
    """Record one person's vote: by a committee admin for anyone, by a member for themself."""
    motion = get_motion(session, meeting=meeting, motion_id=motion_id)
    if not subject.can(Permission.attendance_write, meeting.committee_id) and (
        subject.person_id is None or subject.person_id != data.person_id
    ):
        raise NotYourBallot()
    if motion.closed_at is not None:
        raise MotionClosed()
    day = local_day(meeting.starts_at)
    if not memberships.is_current_member(
        session, person_id=data.person_id, committee_id=meeting.committee_id, day=day
    ):
        raise NotAMember(day)
    status = session.exec(
        select(Attendance.status).where(
            Attendance.meeting_id == meeting.id, Attendance.person_id == data.person_id
        )
    ).first()
    if status not in VOTING_STATUSES.get(meeting.kind, DEFAULT_VOTING_STATUSES):
        raise NotPresentAtAgora(status) if meeting.kind == "agora" else NotAttending(status)
    cast = select(Ballot.person_id).where(
        Ballot.motion_id == motion.id, Ballot.person_id == data.person_id
    )
    if exists(session, cast):
        raise AlreadyVoted()
    ballot = Ballot(motion_id=motion.id, person_id=data.person_id, choice=data.choice.value)
    store(session, ballot)
    # Who voted, never their choice (the results are the motion's, once it closes).
    payload = {"motion_id": motion.id, "person_id": ballot.person_id}
    emit_meeting(session, "meeting.ballot.cast", meeting, **payload)
    return ballot


# Built once, paged by `paginate(params=...)`; its rows are `BallotPublic`'s fields.
_BALLOTS = core_select(*columns_for(Ballot, BallotPublic)).where(
    col(Ballot.motion_id) == _MOTION_ID
)


def list_ballots(
    session: Session, *, motion_id: uuid.UUID, limit: int, cursor: str | None
) -> RowsPage:
    """Who voted what on the motion, in the order the ballots were cast (committee admins
    only: the route's guard found the motion at the meeting)."""
    page = paginate(
        session,
        _BALLOTS,
        keys=_BALLOT_KEYS,
        limit=limit,
        cursor=cursor,
        params={"motion_id": motion_id},
    )
    return page_of_dicts(page)
