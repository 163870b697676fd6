"""Work programmes' figures for api.stats: programmes by status, actions by method step and by
tag, deliverables by status with the overdue and the on-time ones. Four grouped statements,
over the programmes the caller may read in the committees counted."""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, true
from sqlalchemy import select as core_select  # SQLModel's types four columns at most
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.programmes.models import (
    DELIVERABLE_STATUSES,
    METHOD_STEPS,
    PROGRAMME_STATUSES,
    Action,
    ActionTag,
    Deliverable,
    Tag,
    WorkProgramme,
)
from api.programmes.service import PUBLISHED
from api.programmes.service_deliverables import overdue_condition

# A tag's kind → the key its counts are under.
_BY_TAG = {
    "theme": "by_theme",
    "hcts_axis": "by_hcts_axis",
    "national_strategy": "by_national_strategy",
}


def readable_anywhere(subject: Subject | None) -> ColumnElement[bool]:
    """SQL condition on WorkProgramme, in committees the caller may see: every programme of
    the committees where they hold `programmes:read`, the validated ones elsewhere."""
    if subject is not None and subject.is_network_admin:
        return true()
    own = subject.committees_where(Permission.programmes_read) if subject is not None else ()
    return or_(
        col(WorkProgramme.status).in_(sorted(PUBLISHED)),
        col(WorkProgramme.committee_id).in_(sorted(own)) if own else false(),
    )


def figures(
    session: Session, *, committee_ids: Select[Any], subject: Subject | None, on: date
) -> dict[str, Any]:
    """`ProgrammeFigures`' programme, action and deliverable counts; overdue as of `on`."""
    counted = and_(
        col(WorkProgramme.committee_id).in_(committee_ids.scalar_subquery()),
        readable_anywhere(subject),
    )
    programmes = session.exec(
        select(col(WorkProgramme.status), func.count())
        .where(counted)
        .group_by(col(WorkProgramme.status))
    ).all()
    in_programmes = col(Action.programme_id).in_(select(col(WorkProgramme.id)).where(counted))
    steps = session.exec(
        select(col(Action.method_step), func.count())
        .where(in_programmes)
        .group_by(col(Action.method_step))
    ).all()
    tagged = (
        select(col(ActionTag.tag_id).label("tag_id"), func.count().label("n"))
        .join(Action, col(Action.id) == col(ActionTag.action_id))
        .where(in_programmes)
        .group_by(col(ActionTag.tag_id))
        .subquery()
    )
    tags = session.exec(
        select(col(Tag.kind), col(Tag.code), func.coalesce(tagged.c.n, 0))
        .outerjoin(tagged, tagged.c.tag_id == col(Tag.id))
        .order_by(col(Tag.kind), col(Tag.code))
    ).all()
    with_due = and_(col(Deliverable.status) == "delivered", col(Deliverable.due_on).is_not(None))
    on_time = and_(with_due, col(Deliverable.delivered_on) <= col(Deliverable.due_on))
    deliverables = session.execute(
        core_select(
            col(Deliverable.status),
            func.count(),
            func.sum(case((overdue_condition(on), 1), else_=0)),
            func.sum(case((with_due, 1), else_=0)),
            func.sum(case((on_time, 1), else_=0)),
        )
        .join(Action, col(Action.id) == col(Deliverable.action_id))
        .where(in_programmes)
        .group_by(col(Deliverable.status))
    ).all()
    return {
        "programmes": _counted(programmes, PROGRAMME_STATUSES),
        "actions": _actions(steps, tags),
        "deliverables": _deliverables(deliverables),
    }


def _counted(rows: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    by_status = dict.fromkeys(keys, 0) | {key: n for key, n in rows}
    return {"total": sum(by_status.values()), "by_status": by_status}


def _actions(steps: Any, tags: Any) -> dict[str, Any]:
    by_step = dict.fromkeys(METHOD_STEPS, 0) | {step: n for step, n in steps}
    out: dict[str, Any] = {"total": sum(by_step.values()), "by_method_step": by_step}
    out |= {key: {} for key in _BY_TAG.values()}
    for kind, code, n in tags:
        out[_BY_TAG[kind]][code] = n
    return out


def _deliverables(rows: Any) -> dict[str, Any]:
    by_status = dict.fromkeys(DELIVERABLE_STATUSES, 0)
    overdue = with_due = on_time = 0
    for status, n, late, due, kept in rows:
        by_status[status] = n
        overdue, with_due, on_time = (
            overdue + (late or 0),
            with_due + (due or 0),
            on_time + (kept or 0),
        )
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "overdue": overdue,
        "delivered_with_due_date": with_due,
        "delivered_on_time": on_time,
        "on_time_rate": on_time / with_due if with_due else None,
    }
