"""A committee's status lifecycle: dated transitions and the history behind them."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.committees.models import Committee, CommitteeStatusChange
from api.committees.schemas import CommitteeStatus, Scale
from api.committees.service import CommitteeNotFound
from api.committees.service_public import SEEN, sees
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


# The committee (seen by the caller) and its steps: no row when it is not there for them, one
# with no step if it had none.
_HISTORY = (
    select(
        col(CommitteeStatusChange.status),
        col(CommitteeStatusChange.effective_on),
        col(CommitteeStatusChange.recorded_at),
    )
    .select_from(Committee)
    .outerjoin(CommitteeStatusChange, STEPS.owner == col(Committee.id))
    .where(col(Committee.id) == bindparam("committee_id"), SEEN)
    .order_by(*STEPS.order)
)


def public_history(
    connection: Connection, *, committee_id: uuid.UUID, subject: Subject | None
) -> list[dict[str, Any]]:
    """The committee's steps, oldest first, each a `StatusChangePublic`'s fields; 404 as
    `service.get_committee`."""
    params = {"committee_id": committee_id, "seen": sees(subject, committee_id)}
    rows = connection.execute(_HISTORY, params).all()
    if not rows:
        raise CommitteeNotFound()
    return [row._asdict() for row in rows if row.status is not None]


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
