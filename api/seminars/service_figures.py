"""Seminars' figures for api.stats: attendance by committee, over the committees whose
registrations the caller reads (people are counted: never shown to anonymous callers)."""

from typing import Any

from sqlalchemy import Select, case, distinct, false, func, true
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.seminars.models import SeminarRegistration as Registration


def attendance(
    session: Session, *, subject: Subject, committee_ids: Select[Any]
) -> list[dict[str, Any]]:
    """Per committee with registrations: people registered, people present, and the seminars
    it attended (at least one person present)."""
    if subject.can(Permission.registrations_read):
        readable: Any = true()
    elif own := subject.committees_where(Permission.registrations_read):
        readable = col(Registration.committee_id).in_(sorted(own))
    else:
        readable = false()
    present = col(Registration.status) == "present"
    rows = session.exec(
        select(
            col(Registration.committee_id),
            func.count(),
            func.sum(case((present, 1), else_=0)),
            func.count(distinct(case((present, col(Registration.seminar_id))))),
        )
        .where(readable, col(Registration.committee_id).in_(committee_ids.scalar_subquery()))
        .group_by(col(Registration.committee_id))
        .order_by(col(Registration.committee_id))
    ).all()
    return [
        {"committee_id": cid, "registered": n, "present": p or 0, "seminars_attended": s}
        for cid, n, p, s in rows
    ]
