"""Who registered to a seminar, through which committee, and whether they came.

A registration keeps the person's category and organisation as they were when they
registered (as a meeting's attendance does), so later changes to the person do not rewrite
who took part. Attendance is the registration's status: registered, present, excused, absent."""

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, false, or_, true
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.committees.service import COMMITTEE, join_committee
from api.core import etags
from api.core.clock import local_day, today, utcnow
from api.core.pagination import RowsPage, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Prepared, among, exists
from api.core.writes import store
from api.meetings.schemas import AttendanceStatus
from api.memberships import service as memberships
from api.outbox.service import emit
from api.people import service as people
from api.people.service import PERSON, join_person
from api.seminars.models import Seminar, SeminarRegistration
from api.seminars.schemas import (
    AttendanceItem,
    AttendanceResult,
    RegistrationCreate,
    RegistrationPublic,
)
from api.seminars.service import existing_seminar, has_started


class RegistrationNotFound(NotFound):
    default_detail = "No registration with this id for this seminar."


class RegistrationClosed(Conflict):
    def __init__(self, why: str) -> None:
        super().__init__(f"Registrations to this seminar are closed: {why}.")


class AlreadyRegistered(Conflict):
    default_detail = "This person is already registered to this seminar."


class NotYourRegistration(Forbidden):
    default_detail = (
        "You may register or unregister yourself through a committee you belong to, or "
        "the members of a committee whose registrations you manage."
    )


def _readable_by(subject: Subject) -> ColumnElement[bool]:
    """SQL condition: the registrations `subject` may read (their committees', their own)."""
    if subject.can(Permission.registrations_read):
        return true()
    conditions: list[ColumnElement[bool]] = []
    if own := subject.committees_where(Permission.registrations_read):
        conditions.append(col(SeminarRegistration.committee_id).in_(own))
    if subject.person_id is not None:
        conditions.append(col(SeminarRegistration.person_id) == subject.person_id)
    return or_(*conditions) if conditions else false()


def _may_write(subject: Subject, *, committee_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    if subject.can(Permission.registrations_write, committee_id):
        return True
    return person_id == subject.person_id and bool(subject.committee_roles.get(committee_id))


_COLUMNS: list[Any] = [
    col(SeminarRegistration.id),
    col(SeminarRegistration.seminar_id),
    col(SeminarRegistration.committee_id),
    COMMITTEE.short_name,
    col(SeminarRegistration.person_id),
    PERSON.first_name,
    PERSON.last_name,
    PERSON.sort_key,
    col(SeminarRegistration.status),
    col(SeminarRegistration.category),
    col(SeminarRegistration.organisation_id),
    col(SeminarRegistration.organisation_name),
    col(SeminarRegistration.registered_at),
    col(SeminarRegistration.updated_at),
    col(SeminarRegistration.version),
]


def _select(seminar_id: uuid.UUID) -> Any:
    return _REGISTRATIONS.where(SeminarRegistration.seminar_id == seminar_id)


_REGISTRATIONS = join_person(
    join_committee(select(*_COLUMNS), col(SeminarRegistration.committee_id)),
    col(SeminarRegistration.person_id),
)


def _fields(row: Any) -> dict[str, Any]:
    """A `RegistrationPublic`'s fields, by name (a page writes them as they are)."""
    organisation = (
        {"id": row.organisation_id, "name": row.organisation_name}
        if row.organisation_name is not None
        else None
    )
    return {
        "id": row.id,
        "seminar_id": row.seminar_id,
        "committee": {"id": row.committee_id, "short_name": row.short_name},
        "person": {"id": row.person_id, "first_name": row.first_name, "last_name": row.last_name},
        "status": row.status,
        "category": row.category,
        "organisation": organisation,
        "registered_at": row.registered_at,
        "updated_at": row.updated_at,
    }


def _public(row: Any) -> RegistrationPublic:
    return RegistrationPublic.model_validate(_fields(row))


def may_read(subject: Subject, *, committee_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """`_readable_by` for a registration already read."""
    return subject.can(Permission.registrations_read, committee_id) or (
        person_id == subject.person_id
    )


_FILTERS: dict[str, Any] = {
    "committee_id": lambda value: col(SeminarRegistration.committee_id) == value,
    "status": lambda value: col(SeminarRegistration.status) == value,
}
_OF_SEMINAR = _REGISTRATIONS.where(col(SeminarRegistration.seminar_id) == bindparam("seminar_id"))
# The pages, built once per combination of filters: those who read every registration, and
# the others (`_readable_by` with their committees and person bound).
_ALL = Prepared(_OF_SEMINAR, **_FILTERS)
_READABLE = Prepared(
    _OF_SEMINAR.where(
        or_(
            col(SeminarRegistration.committee_id).in_(bindparam("own", expanding=True)),
            col(SeminarRegistration.person_id) == bindparam("person_id"),
        )
    ),
    **_FILTERS,
)


def list_registrations(
    session: Session,
    *,
    seminar_id: uuid.UUID,
    subject: Subject,
    committee_id: uuid.UUID | None,
    status: AttendanceStatus | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The registrations `subject` may read, in name order."""
    given = {"seminar_id": seminar_id, "committee_id": committee_id, "status": status}
    if subject.can(Permission.registrations_read):
        stmt, params = _ALL(**given)
    else:
        own = list(subject.committees_where(Permission.registrations_read))
        # No person: `person_id = NULL` holds for no row, as `_readable_by` leaves it out.
        stmt, params = _READABLE(**given, own=own)
        params["person_id"] = subject.person_id
    order = [PERSON.sort_key, col(SeminarRegistration.id)]
    rows, next_cursor = paginate(
        session, stmt, keys=order, limit=limit, cursor=cursor, params=params
    )
    return [_fields(row) for row in rows], next_cursor


# A GET's one statement: the answer, its version and what the guard decides on; the
# seminar's existence is read only when it finds nothing (which 404 it is).
_REGISTRATION_BY_ID = _OF_SEMINAR.where(col(SeminarRegistration.id) == bindparam("registration_id"))


def read_registration(
    connection: Connection, *, seminar_id: uuid.UUID, registration_id: uuid.UUID, subject: Subject
) -> tuple[dict[str, Any], int]:
    """The seminar's guard and `get_registration` in one statement: the registration's
    `RegistrationPublic` fields and its version."""
    params = {"seminar_id": seminar_id, "registration_id": registration_id}
    row = connection.execute(_REGISTRATION_BY_ID, params).first()
    if row is None:
        existing_seminar(connection, seminar_id=seminar_id)  # else the seminar's 404
        raise RegistrationNotFound()
    if not may_read(subject, committee_id=row.committee_id, person_id=row.person_id):
        raise RegistrationNotFound()
    return _fields(row), row.version


def get_registration(
    session: Session, *, seminar: Seminar, registration_id: uuid.UUID, subject: Subject
) -> tuple[RegistrationPublic, int]:
    """The registration and its version, or 404 if it does not exist or is not for `subject`."""
    row = session.exec(
        _select(seminar.id).where(SeminarRegistration.id == registration_id, _readable_by(subject))
    ).first()
    if row is None:
        raise RegistrationNotFound()
    return _public(row), row.version


def register(
    session: Session, *, seminar: Seminar, data: RegistrationCreate, subject: Subject
) -> tuple[RegistrationPublic, int]:
    """Register a member of the committee on the seminar's day; the snapshot is taken now."""
    if not committees.committee_exists(session, committee_id=data.committee_id):
        raise InvalidInput("No committee with this id.", field="committee_id")
    if not _may_write(subject, committee_id=data.committee_id, person_id=data.person_id):
        raise NotYourRegistration()
    # The person takes part for the committee on the seminar's day, not on the day they sign up.
    day = local_day(seminar.starts_at)
    person = people.snapshots(
        session,
        person_ids=[data.person_id],
        among=memberships.current_members(data.committee_id, day),
    ).get(data.person_id)
    if person is None:
        raise InvalidInput(
            f"This person holds no term in this committee on the seminar's day "
            f"({day.isoformat()}).",
            field="person_id",
        )
    _check_open(seminar)
    taken = select(SeminarRegistration.id).where(
        SeminarRegistration.seminar_id == seminar.id,
        SeminarRegistration.person_id == data.person_id,
    )
    if exists(session, taken):
        raise AlreadyRegistered()
    registration = SeminarRegistration(
        seminar_id=seminar.id,
        committee_id=data.committee_id,
        person_id=data.person_id,
        category=person.category,
        organisation_id=person.organisation_id,
        organisation_name=person.organisation_name,
        registered_by=subject.user_id,
    )
    store(session, registration)
    emit(
        session,
        "seminar.registration.created",
        committee_id=registration.committee_id,
        payload={
            "seminar_id": seminar.id,
            "registration_id": registration.id,
            "person_id": registration.person_id,
            "status": registration.status,
        },
    )
    return get_registration(
        session, seminar=seminar, registration_id=registration.id, subject=subject
    )


def unregister(
    session: Session,
    *,
    seminar: Seminar,
    registration_id: uuid.UUID,
    subject: Subject,
    if_match: str | None,
) -> None:
    """Remove a registration before the seminar starts."""
    registration = session.exec(
        select(SeminarRegistration).where(
            SeminarRegistration.seminar_id == seminar.id,
            SeminarRegistration.id == registration_id,
            _readable_by(subject),
        )
    ).first()
    if registration is None:
        raise RegistrationNotFound()
    if not _may_write(
        subject, committee_id=registration.committee_id, person_id=registration.person_id
    ):
        raise NotYourRegistration()
    etags.require_match(if_match, registration.version)
    if has_started(seminar):
        raise RegistrationClosed("the seminar has started, its registrations are history")
    committee_id, person_id = registration.committee_id, registration.person_id
    session.delete(registration)
    session.flush()
    emit(
        session,
        "seminar.registration.deleted",
        committee_id=committee_id,
        payload={
            "seminar_id": seminar.id,
            "registration_id": registration_id,
            "person_id": person_id,
        },
    )


def record_attendance(
    session: Session, *, seminar: Seminar, items: list[AttendanceItem]
) -> AttendanceResult:
    """Set the status of registered people, all or nothing; one event lists the changes."""
    ids = [item.person_id for item in items]
    if twice := [str(i) for i, n in Counter(ids).items() if n > 1]:
        raise InvalidInput(f"People listed twice: {', '.join(twice)}.", field="items")
    registrations = {
        row.person_id: row
        for row in session.exec(
            select(SeminarRegistration).where(
                SeminarRegistration.seminar_id == seminar.id,
                among(session, SeminarRegistration.person_id, ids),
            )
        ).all()
    }
    if unknown := [i for i, item in enumerate(items) if item.person_id not in registrations]:
        error = InvalidInput(
            "These people are not registered to this seminar: "
            + ", ".join(f"items[{i}] ({items[i].person_id})" for i in unknown)
            + ".",
            field=["items", unknown[0], "person_id"],
        )
        error.errors = [
            {
                "loc": ["body", "items", i, "person_id"],
                "msg": "This person is not registered to this seminar.",
                "type": "value_error",
            }
            for i in unknown
        ]
        raise error
    now = utcnow()
    changes: list[dict[str, Any]] = []
    for item in items:
        registration = registrations[item.person_id]
        if registration.status == item.status.value:
            continue
        changes.append(
            {
                "registration_id": registration.id,
                "person_id": registration.person_id,
                "from": registration.status,
                "to": item.status.value,
            }
        )
        registration.status = item.status.value
        registration.updated_at = now
        session.add(registration)
    session.flush()
    if changes:
        emit(
            session,
            "seminar.attendance.recorded",
            committee_id=None,
            payload={"seminar_id": seminar.id, "items": changes},
        )
    rows = session.exec(
        _select(seminar.id)
        .where(among(session, SeminarRegistration.person_id, ids))
        .order_by(PERSON.sort_key, col(SeminarRegistration.id))
    ).all()
    return AttendanceResult(updated=len(changes), items=[_public(row) for row in rows])


def _check_open(seminar: Seminar) -> None:
    if has_started(seminar):
        raise RegistrationClosed("the seminar has started")
    if seminar.registration_deadline is not None and today() > seminar.registration_deadline:
        raise RegistrationClosed(f"the deadline was {seminar.registration_deadline.isoformat()}")
