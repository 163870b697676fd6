"""A programme's lifecycle: dated transitions, who made them, the meeting that decided them."""

import uuid
from collections.abc import Mapping
from datetime import date

from sqlmodel import Session, col

from api.bodies.service import find_body
from api.core import etags
from api.core.clock import local_day
from api.core.lifecycle import Lifecycle, Steps
from api.core.problems import InvalidInput
from api.core.writes import save
from api.meetings.service import find_meeting
from api.programmes.models import ProgrammeTransition, WorkProgramme
from api.programmes.schemas import ProgrammeStatus, ProgrammeTransitionCreate

S = ProgrammeStatus
LIFECYCLE = Lifecycle(
    "programme",
    {
        S.draft: frozenset({S.proposed}),
        S.proposed: frozenset({S.validated, S.draft}),
        # Changing validated content means going back to the COTECH's proposal.
        S.validated: frozenset({S.in_progress, S.proposed}),
        S.in_progress: frozenset({S.closed, S.proposed}),
        S.closed: frozenset(),
    },
)
STEPS = Steps(
    ProgrammeTransition, col(ProgrammeTransition.programme_id), (col(ProgrammeTransition.seq),)
)
# Who decides: the COTECH proposes, the COPIL validates.
# The bodies whose meeting may decide each step. An agora may do both: in shared governance
# it replaces the COTECH and the COPIL (seed 002, Ardèche from 2023).
DECIDING_BODIES: Mapping[ProgrammeStatus, frozenset[str]] = {
    S.proposed: frozenset({"cotech", "agora"}),
    S.validated: frozenset({"copil", "agora"}),
}


def change_status(
    session: Session,
    *,
    programme: WorkProgramme,
    data: ProgrammeTransitionCreate,
    actor_id: uuid.UUID | None,
    if_match: str | None,
) -> WorkProgramme:
    effective_on = LIFECYCLE.effective_on(data.effective_on)
    LIFECYCLE.check(ProgrammeStatus(programme.status), data.status)
    last = STEPS.last(session, programme.id)
    LIFECYCLE.check_order(effective_on, last=last.effective_on if last is not None else None)
    if data.meeting_id is not None:
        _check_meeting(
            session,
            programme=programme,
            status=data.status,
            meeting_id=data.meeting_id,
            between=(last.effective_on if last is not None else None, effective_on),
        )
    etags.check_match(if_match, programme.version)
    session.add(
        ProgrammeTransition(
            programme_id=programme.id,
            seq=(last.seq if last is not None else 0) + 1,
            status=data.status.value,
            effective_on=effective_on,
            actor_id=actor_id,
            meeting_id=data.meeting_id,
            note=data.note,
        )
    )
    programme.status = data.status.value
    save(session, programme)
    return programme


def history(session: Session, *, programme_id: uuid.UUID) -> list[ProgrammeTransition]:
    return STEPS.all(session, programme_id)


def _check_meeting(
    session: Session,
    *,
    programme: WorkProgramme,
    status: ProgrammeStatus,
    meeting_id: uuid.UUID,
    between: tuple[date | None, date],
) -> None:
    """The deciding meeting: the committee's, of a body that takes this decision, held while
    the programme was in the status it leaves and not after the transition's date."""
    meeting = find_meeting(session, meeting_id=meeting_id)
    if meeting is None or meeting.committee_id != programme.committee_id:
        raise InvalidInput("No meeting of this committee has this id.", field="meeting_id")
    expected = DECIDING_BODIES.get(status)
    if expected is None:
        raise InvalidInput(
            "Only a 'proposed' (COTECH) or 'validated' (COPIL) transition names a meeting.",
            field="meeting_id",
        )
    deciders = " or ".join(sorted(kind.upper() for kind in expected))
    body = find_body(session, body_id=meeting.body_id) if meeting.body_id is not None else None
    if body is None or body.kind not in expected:
        held_by = f"the {body.kind.upper()}'s" if body is not None else "not a body's"
        raise InvalidInput(
            f"A programme is {status.value} by the {deciders}; this meeting is {held_by}.",
            field="meeting_id",
        )
    day, (since, until) = local_day(meeting.starts_at), between
    if day > until:
        raise InvalidInput(
            f"The deciding meeting ({day.isoformat()}) is after the transition's date "
            f"({until.isoformat()}).",
            field="meeting_id",
        )
    if since is not None and day < since:
        raise InvalidInput(
            f"The deciding meeting ({day.isoformat()}) is before the programme's last step "
            f"({since.isoformat()}): it cannot have decided this one.",
            field="meeting_id",
        )
