"""Motions put to the vote at a meeting, and their ballots.

One ballot per person per motion. Who may vote depends on the kind of meeting: at an *agora*
only the people marked present (DESIGN §2); at any other meeting the people registered for it
or marked present (attendance is often ticked after the meeting, so a registered participant
must be able to vote; the excused and the absent may not). Voters must hold a term in the
committee on the meeting's day. Results are counted here with a GROUP BY, never stored.
"""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import DateTime, func, type_coerce
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import local_day, utcnow
from api.core.pagination import paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import among, exists
from api.core.writes import store
from api.meetings.models import Attendance, Ballot, Meeting, Motion
from api.meetings.schemas_votes import (
    BallotChoice,
    BallotCreate,
    BallotPublic,
    MotionCreate,
    MotionOutcome,
    MotionPublic,
    MotionResults,
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


def motion_version(motion: Motion) -> int:
    """The motion's ETag version: closing is its only change, so 1 while open, 2 once closed."""
    return 1 if motion.closed_at is None else 2


def get_motion(session: Session, *, meeting: Meeting, motion_id: uuid.UUID) -> Motion:
    motion = session.get(Motion, motion_id)
    if motion is None or motion.meeting_id != meeting.id:
        raise MotionNotFound()
    return motion


def to_public(
    session: Session, motions: Sequence[Motion], *, subject: Subject
) -> list[MotionPublic]:
    """The motions with their results and the caller's own choice: two queries per page."""
    ids = [m.id for m in motions]
    counts: dict[uuid.UUID, dict[str, int]] = {i: {} for i in ids}
    own: dict[uuid.UUID, str] = {}
    if ids:
        rows = session.exec(
            select(Ballot.motion_id, Ballot.choice, func.count())
            .where(among(session, Ballot.motion_id, ids))
            .group_by(col(Ballot.motion_id), col(Ballot.choice))
        ).all()
        for motion_id, choice, count in rows:
            counts[motion_id][choice] = count
        if subject.person_id is not None:
            mine = session.exec(
                select(Ballot.motion_id, Ballot.choice).where(
                    among(session, Ballot.motion_id, ids), Ballot.person_id == subject.person_id
                )
            ).all()
            own = dict(mine)
    return [
        MotionPublic(
            id=m.id,
            meeting_id=m.meeting_id,
            title=m.title,
            description=m.description,
            status=MotionStatus.open if m.closed_at is None else MotionStatus.closed,
            closed_at=m.closed_at,
            created_at=m.created_at,
            results=_results(counts[m.id]),
            own_choice=BallotChoice(own[m.id]) if m.id in own else None,
        )
        for m in motions
    ]


def motion_public(session: Session, motion: Motion, *, subject: Subject) -> MotionPublic:
    return to_public(session, [motion], subject=subject)[0]


def read_motion(
    session: Session, *, meeting: Meeting, motion_id: uuid.UUID, subject: Subject
) -> tuple[MotionPublic, int]:
    """The motion as `subject` sees it, and its ETag version: a GET's one read."""
    motion = get_motion(session, meeting=meeting, motion_id=motion_id)
    return motion_public(session, motion, subject=subject), motion_version(motion)


def _results(counts: dict[str, int]) -> MotionResults:
    for_, against = counts.get("for", 0), counts.get("against", 0)
    abstain = counts.get("abstain", 0)
    return MotionResults(
        for_=for_,
        against=against,
        abstain=abstain,
        total=for_ + against + abstain,
        outcome=MotionOutcome.adopted if for_ > against else MotionOutcome.rejected,
    )


def list_motions(
    session: Session, *, meeting: Meeting, subject: Subject, limit: int, cursor: str | None
) -> tuple[list[MotionPublic], str | None]:
    """The meeting's motions in the order they were put, with their results."""
    motions, next_cursor = paginate(
        session,
        select(Motion).where(Motion.meeting_id == meeting.id),
        keys=_MOTION_KEYS,
        limit=limit,
        cursor=cursor,
    )
    return to_public(session, motions, subject=subject), next_cursor


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


def list_ballots(
    session: Session, *, meeting: Meeting, motion_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[BallotPublic], str | None]:
    """Who voted what, in the order the ballots were cast (committee admins only)."""
    motion = get_motion(session, meeting=meeting, motion_id=motion_id)
    ballots, next_cursor = paginate(
        session,
        select(Ballot).where(Ballot.motion_id == motion.id),
        keys=_BALLOT_KEYS,
        limit=limit,
        cursor=cursor,
    )
    return [BallotPublic.model_validate(b) for b in ballots], next_cursor
