"""Seminars of the network (twice a year, in person or remote). What other domains use is at
the top. Registrations and attendance are in service_registrations.py."""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees.service import COMMITTEE, join_committee
from api.core import etags
from api.core.clock import LOCAL_TZ, as_utc, check_span, check_span_changes, utcnow
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, Forbidden, NotFound
from api.core.queries import columns_for, exists
from api.core.writes import apply_changes, patch_changes, store
from api.meetings.schemas import AttendanceStatus
from api.outbox.service import emit
from api.seminars.models import Seminar, SeminarRegistration
from api.seminars.schemas import (
    SeminarCreate,
    SeminarPublic,
    SeminarUpdate,
)


class SeminarNotFound(NotFound):
    default_detail = "No seminar with this id."


def find_seminar(session: Session, *, seminar_id: uuid.UUID) -> Seminar | None:
    return session.get(Seminar, seminar_id)


_SEMINAR_ID = core_select(col(Seminar.id)).where(col(Seminar.id) == bindparam("seminar_id"))


def existing_seminar(connection: Connection, *, seminar_id: uuid.UUID) -> uuid.UUID:
    """The seminar's id, or 404: a GET's guard, one prebuilt statement and no ORM object."""
    if connection.execute(_SEMINAR_ID, {"seminar_id": seminar_id}).first() is None:
        raise SeminarNotFound()
    return seminar_id


def has_started(seminar: Seminar) -> bool:
    return utcnow() >= seminar.starts_at


class SeminarHasRegistrations(Conflict):
    default_detail = (
        "People are registered to this seminar; deleting it would erase who took part. "
        "Remove the registrations first."
    )


@dataclass(frozen=True)
class SeminarFilters:
    upcoming: bool | None = None
    year: int | None = None


def list_seminars(
    session: Session, *, filters: SeminarFilters, limit: int, cursor: str | None
) -> RowsPage:
    """Seminars in order of start time; `upcoming` true: not started yet, false: started."""
    stmt = select(*_LIST_COLUMNS)
    if filters.upcoming is not None:
        now = utcnow()
        starts_at = col(Seminar.starts_at)
        stmt = stmt.where(starts_at >= now if filters.upcoming else starts_at < now)
    if filters.year is not None:
        # The year as lived in France: 1 January 00:00 Paris time to the next.
        start = datetime(filters.year, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)
        end = datetime(filters.year + 1, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)
        stmt = stmt.where(col(Seminar.starts_at) >= start, col(Seminar.starts_at) < end)
    order = [col(Seminar.starts_at), col(Seminar.id)]
    return page_of_dicts(paginate(session, stmt, keys=order, limit=limit, cursor=cursor))


_LIST_COLUMNS = columns_for(Seminar, SeminarPublic)


def create_seminar(session: Session, *, data: SeminarCreate) -> Seminar:
    check_span("seminar", data.starts_at, data.ends_at)
    seminar = Seminar(
        title=data.title,
        starts_at=as_utc(data.starts_at),
        ends_at=as_utc(data.ends_at),
        mode=data.mode.value,
        place=data.place,
        description=data.description,
        registration_deadline=data.registration_deadline,
    )
    store(session, seminar)
    emit(session, "seminar.created", committee_id=None, payload={"seminar_id": seminar.id})
    return seminar


def update_seminar(
    session: Session, *, seminar: Seminar, data: SeminarUpdate, if_match: str | None
) -> Seminar:
    changes = patch_changes(data)
    check_span_changes("seminar", seminar, changes)
    etags.require_match(if_match, seminar.version)
    if "mode" in changes:
        changes["mode"] = changes["mode"].value
    apply_changes(session, seminar, changes)
    emit(
        session,
        "seminar.updated",
        committee_id=None,
        payload={"seminar_id": seminar.id, "fields": sorted(changes)},
    )
    return seminar


def delete_seminar(session: Session, *, seminar: Seminar, if_match: str | None) -> None:
    """Delete a seminar nobody is registered to (409 otherwise: attendance is history)."""
    etags.require_match(if_match, seminar.version)
    registered = select(SeminarRegistration.id).where(SeminarRegistration.seminar_id == seminar.id)
    if exists(session, registered):
        raise SeminarHasRegistrations()
    seminar_id = seminar.id
    session.delete(seminar)
    session.flush()
    emit(session, "seminar.deleted", committee_id=None, payload={"seminar_id": seminar_id})


def _summary(readable: ColumnElement[bool] | None) -> Select[Any]:
    """The seminar's counts by committee and status, in one statement that also says whether
    the seminar exists: its row comes out (with a NULL committee) when nothing is counted."""
    registrations = join_committee(
        core_select(
            col(SeminarRegistration.id),
            col(SeminarRegistration.seminar_id),
            col(SeminarRegistration.committee_id),
            COMMITTEE.name,
            COMMITTEE.short_name,
            col(SeminarRegistration.status),
        ),
        col(SeminarRegistration.committee_id),
    )
    if readable is not None:
        registrations = registrations.where(readable)
    counted = registrations.subquery("counted")
    return (
        core_select(
            counted.c.committee_id,
            counted.c.short_name,
            counted.c.status,
            func.count(counted.c.id).label("n"),
        )
        .select_from(Seminar)
        .outerjoin(counted, counted.c.seminar_id == col(Seminar.id))
        .where(col(Seminar.id) == bindparam("seminar_id"))
        .group_by(
            col(Seminar.id),
            counted.c.name,
            counted.c.committee_id,
            counted.c.short_name,
            counted.c.status,
        )
        .order_by(counted.c.name, counted.c.committee_id)
    )


# Built once: every committee's lines, or those of the committees bound as `own`.
_SUMMARY_ALL = _summary(None)
_SUMMARY_OWN = _summary(col(SeminarRegistration.committee_id).in_(bindparam("own", expanding=True)))


def read_summary(
    connection: Connection, *, seminar_id: uuid.UUID, subject: Subject
) -> dict[str, Any]:
    """The seminar's guard and its summary in one statement: a `SeminarSummary`'s fields (404
    when the seminar does not exist)."""
    if subject.can(Permission.registrations_read):
        rows = connection.execute(_SUMMARY_ALL, {"seminar_id": seminar_id}).all()
    else:
        own = subject.committees_where(Permission.registrations_read)
        if not own:
            raise Forbidden("Only network and committee admins see the registration figures.")
        params = {"seminar_id": seminar_id, "own": list(own)}
        rows = connection.execute(_SUMMARY_OWN, params).all()
    if not rows:
        raise SeminarNotFound()
    lines: dict[uuid.UUID, dict[str, Any]] = {}
    totals: Counter[str] = Counter()
    for committee_id, short_name, status, n in rows:
        if committee_id is None:
            continue  # the seminar's own row: no registration counted
        line = lines.setdefault(
            committee_id,
            {"committee": {"id": committee_id, "short_name": short_name}, "counts": Counter()},
        )
        line["counts"][status] += n
        totals[status] += n
    return {
        "seminar_id": seminar_id,
        "committees": [
            {"committee": line["committee"], "counts": _counts(line["counts"])}
            for line in lines.values()
        ],
        "totals": _counts(totals),
    }


def _counts(counter: Counter[str]) -> dict[str, int]:
    """A `StatusCounts`'s fields."""
    return {s.value: counter[s.value] for s in AttendanceStatus} | {"total": counter.total()}


def upcoming_seminars(now: Any) -> Select[*tuple[Any, ...]]:
    """For the committees' inboxes: the seminars not started at `now` (a value or a bound
    parameter), as (item_id, title, occurred_at), `occurred_at` being when they were
    announced."""
    return core_select(
        col(Seminar.id).label("item_id"),
        col(Seminar.title).label("title"),
        col(Seminar.created_at).label("occurred_at"),
    ).where(col(Seminar.starts_at) >= now)
