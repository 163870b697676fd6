"""Seminars' figures for api.stats: attendance by committee, over the committees whose
registrations the caller reads (people are counted, by committee: api.stats shows them to no
one else)."""

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, case, distinct, func
from sqlmodel import Session, col, select

from api.core.figures import within
from api.seminars.models import SeminarRegistration as Registration


def attendance(
    session: Session, *, readable: Collection[uuid.UUID] | None, committee_ids: Select[Any]
) -> list[dict[str, Any]]:
    """Per committee counted among `readable` (None: every one) with registrations: people
    registered, people present, and the seminars it attended (at least one person present)."""
    present = col(Registration.status) == "present"
    rows = session.exec(
        select(
            col(Registration.committee_id),
            func.count(),
            func.sum(case((present, 1), else_=0)),
            func.count(distinct(case((present, col(Registration.seminar_id))))),
        )
        .where(
            within(col(Registration.committee_id), readable),
            col(Registration.committee_id).in_(committee_ids.scalar_subquery()),
        )
        .group_by(col(Registration.committee_id))
        .order_by(col(Registration.committee_id))
    ).all()
    return [
        {"committee_id": cid, "registered": n, "present": p or 0, "seminars_attended": s}
        for cid, n, p, s in rows
    ]
