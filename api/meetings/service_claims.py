"""Transport expense claims of *personnes accompagnées* who attended a meeting.

A claim is for a person marked present at the meeting, holding a term in its committee that
day, whose category, as recorded on their attendance that day, was `person_supported`. It is
submitted by the person themself or by a committee admin on their behalf, then `submitted` →
`approved` | `rejected`, `approved` → `paid`, decided by the committee's admins. Claims are
personal data: visible to the claimant and to the admins of the meeting's committee only.
Amounts are kept in integer cents.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, type_coerce
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import local_day, utcnow
from api.core.lifecycle import Lifecycle
from api.core.pagination import RowsPage, decode_cursor, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Prepared
from api.core.writes import store
from api.meetings.models import Attendance, ExpenseClaim, Meeting
from api.meetings.schemas_claims import (
    ClaimCreate,
    ClaimDecision,
    ClaimPublic,
    ClaimStatus,
    ClaimTransition,
)
from api.meetings.service import emit_meeting
from api.memberships import service as memberships
from api.people import service as people

C = ClaimStatus
LIFECYCLE = Lifecycle(
    "claim",
    {
        C.submitted: frozenset({C.approved, C.rejected}),
        C.approved: frozenset({C.paid}),
        C.rejected: frozenset(),
        C.paid: frozenset(),
    },
)
# `paginate` decodes a cursor by the key's Python type, which `UTCDateTime` does not declare
# (it says `object`), so the time column is keyed as a plain timezone-aware DateTime.
_KEYS = [
    type_coerce(col(ExpenseClaim.submitted_at), DateTime(timezone=True)).label("submitted_at"),
    col(ExpenseClaim.id),
]


class ClaimNotFound(NotFound):
    default_detail = "No expense claim with this id."


class NotYourClaim(Forbidden):
    default_detail = (
        "You may submit only your own claims; a committee admin submits on someone's behalf."
    )


class ClaimsNotManaged(Forbidden):
    default_detail = "Only the committee's admins decide on expense claims."


class OwnClaim(Forbidden):
    default_detail = "You may not decide on your own expense claim."


class UnknownPerson(InvalidInput):
    def __init__(self) -> None:
        super().__init__("No person with this id.", field="person_id")


class NotAMemberThatDay(InvalidInput):
    def __init__(self, day: date) -> None:
        super().__init__(
            "Transport costs are paid to the committee's members: this person held no term in "
            f"the meeting's committee on the meeting's day ({day.isoformat()}).",
            field="person_id",
        )


class ClaimantNotPresent(Conflict):
    def __init__(self, status: str | None) -> None:
        recorded = f"'{status}'" if status is not None else "not recorded"
        super().__init__(
            "Only people marked present at this meeting may claim transport costs; this "
            f"person's attendance is {recorded}."
        )


class NotPersonSupported(InvalidInput):
    def __init__(self, category: str) -> None:
        super().__init__(
            "Transport costs are paid to personnes accompagnées only: this person's category "
            f"at the meeting was '{category}', not 'person_supported'.",
            field="person_id",
        )


@dataclass(frozen=True)
class ClaimFilters:
    status: ClaimStatus | None = None
    person_id: uuid.UUID | None = None


def format_amount(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def to_cents(amount: Decimal) -> int:
    # The schema allows two decimals at most, so this is exact.
    return int(amount.scaleb(2))


def to_public(claim: ExpenseClaim) -> ClaimPublic:
    return ClaimPublic(
        id=claim.id,
        meeting_id=claim.meeting_id,
        person_id=claim.person_id,
        amount=format_amount(claim.amount_cents),
        description=claim.description,
        status=ClaimStatus(claim.status),
        submitted_at=claim.submitted_at,
        decided_at=claim.decided_at,
        decided_by=claim.decided_by,
        paid_at=claim.paid_at,
    )


def create_claim(
    session: Session, *, meeting: Meeting, data: ClaimCreate, subject: Subject
) -> ExpenseClaim:
    if not subject.can(Permission.claims_manage, meeting.committee_id) and (
        subject.person_id is None or subject.person_id != data.person_id
    ):
        raise NotYourClaim()
    if people.find_person(session, person_id=data.person_id) is None:
        raise UnknownPerson()
    # Attendance is checked against the term when recorded; a claim checks again, as a row
    # recorded under an older rule (or a term corrected since) must not open a payment.
    day = local_day(meeting.starts_at)
    if not memberships.is_current_member(
        session, person_id=data.person_id, committee_id=meeting.committee_id, day=day
    ):
        raise NotAMemberThatDay(day)
    attendance = session.exec(
        select(Attendance.status, Attendance.category).where(
            Attendance.meeting_id == meeting.id, Attendance.person_id == data.person_id
        )
    ).first()
    status, category = attendance if attendance is not None else (None, None)
    if status != "present":
        raise ClaimantNotPresent(status)
    # The category as it was that day: a later change of category does not undo a right.
    if category != "person_supported":
        raise NotPersonSupported(str(category))
    claim = ExpenseClaim(
        meeting_id=meeting.id,
        person_id=data.person_id,
        amount_cents=to_cents(data.amount),
        description=data.description,
        status=ClaimStatus.submitted.value,
    )
    store(session, claim)
    _emit(session, meeting, claim, previous=None)
    return claim


def _emit(session: Session, meeting: Meeting, claim: ExpenseClaim, previous: str | None) -> None:
    """`meeting.claim.<status>`: ids and states, not the amount nor what it paid for."""
    payload = {"claim_id": claim.id, "person_id": claim.person_id, "from": previous}
    emit_meeting(session, f"meeting.claim.{claim.status}", meeting, **payload)


def list_claims(
    session: Session,
    *,
    meeting_id: uuid.UUID,
    committee_id: uuid.UUID,
    subject: Subject,
    filters: ClaimFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The meeting's claims the caller may see: all for its admins, their own for others."""
    own = None
    if not subject.can(Permission.claims_manage, committee_id):
        if subject.person_id is None:
            if cursor is not None:
                decode_cursor(cursor, _KEYS)  # a cursor not ours is still a 422
            return [], None
        own = subject.person_id
    stmt, params = _LIST(
        meeting_id=meeting_id, own=own, status=filters.status, person_id=filters.person_id
    )
    rows, next_cursor = paginate(
        session, stmt, keys=_KEYS, limit=limit, cursor=cursor, params=params
    )
    return [_item(row) for row in rows], next_cursor


# What a page reads: `ClaimPublic`'s fields, its amount in cents.
_COLUMNS: list[Any] = [
    col(ExpenseClaim.id),
    col(ExpenseClaim.meeting_id),
    col(ExpenseClaim.person_id),
    col(ExpenseClaim.amount_cents),
    col(ExpenseClaim.description),
    col(ExpenseClaim.status),
    col(ExpenseClaim.submitted_at),
    col(ExpenseClaim.decided_at),
    col(ExpenseClaim.decided_by),
    col(ExpenseClaim.paid_at),
]
# Built once per combination of filters; `own`: a caller who does not manage the claims
# reads their own.
_LIST = Prepared(
    core_select(*_COLUMNS),
    meeting_id=lambda value: col(ExpenseClaim.meeting_id) == value,
    own=lambda value: col(ExpenseClaim.person_id) == value,
    status=lambda value: col(ExpenseClaim.status) == value,
    person_id=lambda value: col(ExpenseClaim.person_id) == value,
)


def _item(row: Any) -> dict[str, Any]:
    """A row of `_LIST` as a `ClaimPublic`'s fields (a page writes it as it is)."""
    return {
        "id": row.id,
        "meeting_id": row.meeting_id,
        "person_id": row.person_id,
        "amount": format_amount(row.amount_cents),
        "description": row.description,
        "status": row.status,
        "submitted_at": row.submitted_at,
        "decided_at": row.decided_at,
        "decided_by": row.decided_by,
        "paid_at": row.paid_at,
    }


def _load(session: Session, *, claim_id: uuid.UUID, subject: Subject) -> tuple[ExpenseClaim, bool]:
    """The claim and whether the caller manages it; 404 unless they manage it or claimed it."""
    found = session.exec(
        select(ExpenseClaim, Meeting.committee_id)
        .join(Meeting, col(Meeting.id) == col(ExpenseClaim.meeting_id))
        .where(ExpenseClaim.id == claim_id)
    ).first()
    if found is None:
        raise ClaimNotFound()
    claim, committee_id = found
    manages = subject.can(Permission.claims_manage, committee_id)
    if not manages and (subject.person_id is None or subject.person_id != claim.person_id):
        raise ClaimNotFound()
    return claim, manages


def get_claim(session: Session, *, claim_id: uuid.UUID, subject: Subject) -> ExpenseClaim:
    return _load(session, claim_id=claim_id, subject=subject)[0]


def transition_claim(
    session: Session,
    *,
    claim_id: uuid.UUID,
    data: ClaimTransition,
    subject: Subject,
    if_match: str | None,
) -> ExpenseClaim:
    claim, manages = _load(session, claim_id=claim_id, subject=subject)
    if not manages:
        raise ClaimsNotManaged()
    if subject.person_id is not None and subject.person_id == claim.person_id:
        raise OwnClaim()
    etags.check_match(if_match, claim.version)
    LIFECYCLE.check(ClaimStatus(claim.status), ClaimStatus(data.status.value))
    now = utcnow()
    if data.status == ClaimDecision.paid:
        claim.paid_at = now
    else:
        claim.decided_at = now
        claim.decided_by = subject.user_id
    previous = claim.status
    claim.status = data.status.value
    store(session, claim)
    meeting = session.get(Meeting, claim.meeting_id)
    assert meeting is not None  # its foreign key
    _emit(session, meeting, claim, previous=previous)
    return claim
