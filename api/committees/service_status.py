"""A committee's status lifecycle: dated transitions and the history behind them."""

import uuid
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.committees.models import Committee, CommitteeStatusChange
from api.committees.schemas import CommitteeStatus, Scale
from api.core import etags
from api.core.lifecycle import Lifecycle, Steps
from api.core.writes import save

S = CommitteeStatus
LIFECYCLE = Lifecycle(
    "committee",
    {
        S.reflection: frozenset({S.construction, S.closed}),
        S.construction: frozenset({S.active, S.reflection, S.closed}),
        S.active: frozenset({S.dormant, S.closed}),
        # A dormant committee may be relaunched from any earlier stage.
        S.dormant: frozenset({S.active, S.construction, S.reflection, S.closed}),
        S.closed: frozenset(),
    },
)
STEPS = Steps(
    CommitteeStatusChange,
    col(CommitteeStatusChange.committee_id),
    (col(CommitteeStatusChange.seq),),
)


def change_status(
    session: Session,
    *,
    committee: Committee,
    status: CommitteeStatus,
    effective_on: date | None,
    actor_id: uuid.UUID | None,
    if_match: str | None,
) -> Committee:
    effective_on = LIFECYCLE.effective_on(effective_on)
    LIFECYCLE.check(CommitteeStatus(committee.status), status)
    LIFECYCLE.check_order(effective_on, last=committee.status_since)
    etags.check_match(if_match, committee.version)
    last = STEPS.last(session, committee.id)
    session.add(
        CommitteeStatusChange(
            committee_id=committee.id,
            seq=(last.seq if last is not None else 0) + 1,
            status=status.value,
            effective_on=effective_on,
            recorded_by=actor_id,
        )
    )
    committee.status = status.value
    committee.status_since = effective_on
    save(session, committee)
    return committee


def status_history(session: Session, *, committee_id: uuid.UUID) -> list[CommitteeStatusChange]:
    return STEPS.all(session, committee_id)


def counts_on(session: Session, *, on: date) -> dict[tuple[CommitteeStatus, Scale], int]:
    """How many committees had each (status, scale) on day `on`, from the status history."""
    later = aliased(CommitteeStatusChange)
    newer_exists = (
        select(later.id)
        .where(
            later.committee_id == CommitteeStatusChange.committee_id,
            later.effective_on <= on,
            later.seq > CommitteeStatusChange.seq,
        )
        .exists()
    )
    rows = session.exec(
        select(CommitteeStatusChange.status, Committee.scale, func.count())
        .join(Committee, col(Committee.id) == col(CommitteeStatusChange.committee_id))
        .where(CommitteeStatusChange.effective_on <= on, ~newer_exists)
        .group_by(col(CommitteeStatusChange.status), col(Committee.scale))
    ).all()
    return {(CommitteeStatus(status), Scale(scale)): n for status, scale, n in rows}
