"""The committee directory's list: filters, a page of rows with their territories and
carriers (in the same statement), and the status of a past day from the history."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, or_
from sqlalchemy import exists as sql_exists
from sqlalchemy import select as core_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.committees import service_status
from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.committees.schemas import CommitteeStatus, Scale
from api.committees.service import VISIBLE_AS, seen_by, visible_to
from api.committees.service_public import PLACED, place
from api.core.clock import today
from api.core.pagination import paginate
from api.core.queries import Prepared, search_value, searched, where_given, where_search
from api.territories import service as territories


@dataclass(frozen=True)
class CommitteeFilters:
    status: CommitteeStatus | None = None
    scale: Scale | None = None
    region: str | None = None
    department: str | None = None
    parent_id: uuid.UUID | None = None
    q: str | None = None
    # A past day: `status` filters on, and the page shows, the status of that day.
    as_of: date | None = None


def list_committees(
    session: Session,
    *,
    subject: Subject | None,
    filters: CommitteeFilters,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    # Plain rows, each with its territories and carriers: one statement a page.
    seen, own = seen_by(subject)
    order = [col(Committee.name), col(Committee.id)]
    if filters.as_of is None or filters.as_of >= today():
        # History has no step after today: the committee's own columns are its latest. Built
        # once per kind of caller and filters given, values bound.
        stmt, params = _LIST[seen](
            status=filters.status,
            scale=filters.scale,
            parent_id=filters.parent_id,
            region=filters.region,
            department=filters.department,
            q=search_value(filters.q),
        )
        if filters.region is not None:
            params["region_departments"] = territories.department_codes_of(filters.region)
        if seen == "own":
            params["own"] = list(own)
        rows, next_cursor = paginate(
            session, stmt, keys=order, limit=limit, cursor=cursor, params=params
        )
    else:
        stmt, status = _as_of(filters.as_of)
        stmt = where_given(
            stmt.where(visible_to(subject)),
            (status, filters.status),
            (Committee.scale, filters.scale),
            (Committee.parent_id, filters.parent_id),
        )
        if filters.region is not None:
            stmt = stmt.where(in_region(filters.region))
        if filters.department is not None:
            stmt = stmt.where(in_department(filters.department))
        stmt = where_search(stmt, Committee.search_key, filters.q)
        rows, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    # Each a `CommitteePublic`'s fields, written as they are (respond_page); a row's
    # attributes by name cost more than its _asdict().
    return [place(row._asdict()) for row in rows], next_cursor


def _as_of(day: date) -> tuple[Select[Any], Any]:
    """The list's columns with the status (and its date) of `day`, read from the history,
    and that status column; a committee whose history starts after `day` did not exist yet
    and has no row."""
    step = aliased(CommitteeStatusChange)
    columns: list[Any] = [
        *(c for c in _LIST_COLUMNS if c.key not in ("status", "status_since")),
        col(step.status).label("status"),
        col(step.effective_on).label("status_since"),
        *PLACED,
    ]
    stmt = select(*columns).join(
        step, col(step.id) == service_status.STEPS.last_on(col(Committee.id), day)
    )
    return stmt, step.status


_LIST_COLUMNS = [
    column
    for column in Committee.__table__.columns  # type: ignore[attr-defined]
    if column.key not in ("search_key", "version")
]


def in_region(region: Any, departments: Any = None) -> ColumnElement[bool]:
    """SQL: the committee covers `region`, or one of its `departments` (by default the
    region's own; both may be bound parameters)."""
    if departments is None:
        departments = territories.department_codes_of(region)
    return _covers(
        or_(
            and_(col(CommitteeTerritory.kind) == "region", col(CommitteeTerritory.code) == region),
            and_(
                col(CommitteeTerritory.kind) == "department",
                col(CommitteeTerritory.code).in_(departments),
            ),
        )
    )


def ids_in_department(session: Session, department: str) -> list[uuid.UUID]:
    """The committees whose territory names the département."""
    return list(session.exec(select(Committee.id).where(in_department(department))))


def in_department(department: Any) -> ColumnElement[bool]:
    """SQL: the committee covers `department`."""
    return _covers(
        and_(
            col(CommitteeTerritory.kind) == "department",
            col(CommitteeTerritory.code) == department,
        )
    )


def _covers(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return sql_exists().where(col(CommitteeTerritory.committee_id) == col(Committee.id), condition)


def _prepared(visible: ColumnElement[bool]) -> Prepared:
    return Prepared(
        core_select(*_LIST_COLUMNS, *PLACED).where(visible),
        status=lambda value: col(Committee.status) == value,
        scale=lambda value: col(Committee.scale) == value,
        parent_id=lambda value: col(Committee.parent_id) == value,
        region=lambda value: in_region(value, bindparam("region_departments", expanding=True)),
        department=in_department,
        q=searched(Committee.search_key),
    )


# The list's statement for each kind of caller (`service.seen_by`).
_LIST = {seen: _prepared(visible) for seen, visible in VISIBLE_AS.items()}
