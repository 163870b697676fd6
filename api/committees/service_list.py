"""The committee directory's list: filters, a page of rows with their territories and
carriers (one statement each), and the status of a past day from the history."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy import exists as sql_exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.committees import service_status
from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.committees.schemas import CommitteeStatus, Scale
from api.committees.service import visible_to
from api.core.clock import today
from api.core.pagination import paginate
from api.core.queries import among, where_given, where_search
from api.organisations import service as organisations
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
    # Plain rows, not ORM objects: a page pays only for the columns it returns.
    if filters.as_of is None or filters.as_of >= today():
        # History has no step after today: the committee's own columns are its latest.
        stmt = select(*_LIST_COLUMNS).where(visible_to(subject))
        status: Any = Committee.status
    else:
        stmt, status = _as_of(filters.as_of)
        stmt = stmt.where(visible_to(subject))
    stmt = where_given(
        stmt,
        (status, filters.status),
        (Committee.scale, filters.scale),
        (Committee.parent_id, filters.parent_id),
    )
    if filters.region is not None:
        stmt = stmt.where(in_region(filters.region))
    if filters.department is not None:
        stmt = stmt.where(in_department(filters.department))
    stmt = where_search(stmt, Committee.search_key, filters.q)
    order = [col(Committee.name), col(Committee.id)]
    rows, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    # Each a `CommitteePublic`'s fields, written as they are (respond_page); a row's
    # attributes by name cost more than its _asdict().
    items = [row._asdict() for row in rows]
    ids = [item["id"] for item in items]
    places = _territories_of(session, ids)
    carriers = organisations.carriers_of(session, ids)
    for item in items:
        place = places[item["id"]]
        item["region_codes"] = place["region"]
        item["department_codes"] = place["department"]
        item["carrying_organisations"] = carriers[item["id"]]
    return items, next_cursor


def _as_of(day: date) -> tuple[Select[Any], Any]:
    """The list's columns with the status (and its date) of `day`, read from the history,
    and that status column; a committee whose history starts after `day` did not exist yet
    and has no row."""
    step = aliased(CommitteeStatusChange)
    columns: list[Any] = [
        *(c for c in _LIST_COLUMNS if c.key not in ("status", "status_since")),
        col(step.status).label("status"),
        col(step.effective_on).label("status_since"),
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


def _territories_of(
    session: Session, committee_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, list[str]]]:
    out: dict[uuid.UUID, dict[str, list[str]]] = {
        cid: {"region": [], "department": []} for cid in committee_ids
    }
    if committee_ids:
        rows = session.exec(
            select(
                CommitteeTerritory.committee_id, CommitteeTerritory.kind, CommitteeTerritory.code
            )
            .where(among(session, CommitteeTerritory.committee_id, committee_ids))
            .order_by(col(CommitteeTerritory.code))
        ).all()
        for committee_id, kind, code in rows:
            out[committee_id][kind].append(code)
    return out


def in_region(region: str) -> ColumnElement[bool]:
    """SQL: the committee covers `region`, or one of its départements."""
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


def in_department(department: str) -> ColumnElement[bool]:
    """SQL: the committee covers `department`."""
    return _covers(
        and_(
            col(CommitteeTerritory.kind) == "department",
            col(CommitteeTerritory.code) == department,
        )
    )


def _covers(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return sql_exists().where(col(CommitteeTerritory.committee_id) == col(Committee.id), condition)
