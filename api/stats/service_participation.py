"""Participation figures: members on a day, meetings over a period, over the committees
counted whose members and attendance the caller reads (people are counted: a login is
needed, and committee admins count their own committees only)."""

from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.bodies import service as bodies
from api.bodies.schemas import BodyKind
from api.meetings import service_figures as meetings
from api.memberships import service_figures as memberships
from api.stats.scopes import Counted, readable


def participation_figures(
    session: Session,
    *,
    subject: Subject,
    counted: Counted,
    body_kind: BodyKind | None,
    on: date,
    start: date,
    end: date,
) -> dict[str, Any]:
    """`ParticipationFigures`."""
    ids = counted.committee_ids(subject)
    body_ids = bodies.ids_of_kind(body_kind) if body_kind is not None else None
    return {
        "as_of": on,
        "period_start": start,
        "period_end": end,
        "scope": counted.scope,
        "members": memberships.figures(
            session, committee_ids=ids, body_ids=body_ids, on=on,
            readable=readable(subject, Permission.members_read),
        ),
        "meetings": meetings.figures(
            session, committee_ids=ids, body_ids=body_ids, start=start, end=end,
            readable=readable(subject, Permission.attendance_read),
        ),
    }  # fmt: skip
