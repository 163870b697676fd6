"""Calls for candidates to HCTS working groups and the candidatures committees propose.

A call is open until the end of its deadline day (Europe/Paris): proposals and withdrawals
are refused after it, for everyone; HCTS decides after it, that is when decisions happen.
"""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, true
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.committees.service import COMMITTEE, join_committee
from api.core import etags
from api.core.clock import today, utcnow
from api.core.integrity import delete_unless_referenced
from api.core.pagination import paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import exists, first_or_raise, where_given
from api.core.writes import apply_changes, patch_changes, save, store
from api.hcts.models import Axis, Call, Candidature
from api.hcts.schemas_calls import (
    CallCreate,
    CallPublic,
    CallUpdate,
    CandidatureCreate,
    CandidatureDecision,
    CandidaturePublic,
    CandidatureStatus,
)
from api.memberships import service as memberships
from api.outbox.service import emit
from api.people.service import PERSON, join_person


class CallNotFound(NotFound):
    default_detail = "No call for candidates with this id."


class CandidatureNotFound(NotFound):
    default_detail = "No candidature with this id on this call."


class CallHasCandidatures(Conflict):
    default_detail = (
        "Committees have proposed candidates to this call; it cannot be deleted. "
        "Move its deadline or edit it instead."
    )


class DeadlinePassed(Conflict):
    def __init__(self, deadline: date, what: str) -> None:
        super().__init__(
            f"The deadline of this call passed on {deadline.isoformat()} (Europe/Paris): "
            f"{what} are no longer accepted."
        )


class NotProposed(Conflict):
    def __init__(self, status: str, what: str) -> None:
        super().__init__(f"This candidature is {status}; only a proposed one can be {what}.")


class AlreadyProposed(Conflict):
    default_detail = (
        "This person is already a candidate to this call (a withdrawn or declined "
        "candidature counts too)."
    )


class CandidaturesForbidden(Forbidden):
    default_detail = "You may not see the candidatures of any committee."


# --- Calls -----------------------------------------------------------------------------------


def is_open(deadline: date, day: date | None = None) -> bool:
    """The deadline day itself is still open."""
    return (day or today()) <= deadline


def call_public(call: Call) -> CallPublic:
    fields = {k: getattr(call, k) for k in CallPublic.model_fields if k != "is_open"}
    return CallPublic.model_validate(fields | {"is_open": is_open(call.deadline)})


def visible_to(subject: Subject | None) -> ColumnElement[bool]:
    """SQL condition: the calls `subject` may read. Only open calls are public
    (`PUBLIC_SURFACE`: `Anonymous.open_calls`); logged-in callers read them all."""
    if subject is None:
        return col(Call.deadline) >= today()
    return true()


def find_call(session: Session, *, call_id: uuid.UUID) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise CallNotFound()
    return call


def find_visible_call(session: Session, *, call_id: uuid.UUID, subject: Subject | None) -> Call:
    """The call, or 404 when it does not exist or `subject` may not read it."""
    found = select(Call).where(Call.id == call_id, visible_to(subject))
    return first_or_raise(session, found, CallNotFound())


def list_calls(
    session: Session,
    *,
    subject: Subject | None,
    open_filter: bool | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[CallPublic], str | None]:
    """Calls by deadline; `open` keeps those still open today (or, false, those closed)."""
    columns = [c for c in Call.__table__.columns if c.key != "version"]  # type: ignore[attr-defined]
    stmt = select(*columns).where(visible_to(subject))
    if open_filter is True:
        stmt = stmt.where(col(Call.deadline) >= today())
    elif open_filter is False:
        stmt = stmt.where(col(Call.deadline) < today())
    rows, next_cursor = paginate(
        session, stmt, keys=[col(Call.deadline), col(Call.id)], limit=limit, cursor=cursor
    )
    day = today()
    items = [
        CallPublic.model_validate(dict(row._mapping) | {"is_open": is_open(row.deadline, day)})
        for row in rows
    ]
    return items, next_cursor


def _check_axis(session: Session, axis_id: uuid.UUID | None) -> None:
    if axis_id is not None and session.get(Axis, axis_id) is None:
        raise InvalidInput("No HCTS axis with this id.", field="axis_id")


def create_call(session: Session, *, data: CallCreate) -> Call:
    _check_axis(session, data.axis_id)
    call = Call(**data.model_dump())
    store(session, call)
    emit(
        session,
        "hcts.call.created",
        committee_id=None,
        payload={"call_id": call.id, "deadline": call.deadline},
    )
    return call


def update_call(session: Session, *, call: Call, data: CallUpdate, if_match: str | None) -> Call:
    changes = patch_changes(data)
    if "axis_id" in changes:
        _check_axis(session, changes["axis_id"])
    etags.require_match(if_match, call.version)
    apply_changes(session, call, changes)
    emit(
        session,
        "hcts.call.updated",
        committee_id=None,
        payload={"call_id": call.id, "fields": sorted(changes), "deadline": call.deadline},
    )
    return call


def delete_call(session: Session, *, call: Call, if_match: str | None) -> None:
    etags.require_match(if_match, call.version)
    call_id = call.id
    delete_unless_referenced(session, call, CallHasCandidatures())  # their call_id: RESTRICT
    emit(session, "hcts.call.deleted", committee_id=None, payload={"call_id": call_id})


# --- Candidatures ----------------------------------------------------------------------------

# A candidature with its committee and person summaries: one statement, no ORM objects.
_CANDIDATURE_COLUMNS: list[Any] = [
    col(Candidature.id),
    col(Candidature.call_id),
    col(Candidature.committee_id),
    COMMITTEE.short_name,
    col(Candidature.person_id),
    PERSON.first_name,
    PERSON.last_name,
    col(Candidature.motivation),
    col(Candidature.status),
    col(Candidature.decision_note),
    col(Candidature.proposed_at),
    col(Candidature.decided_at),
    col(Candidature.version),
]
_CANDIDATURE_SELECT = join_person(
    join_committee(select(*_CANDIDATURE_COLUMNS), col(Candidature.committee_id)),
    col(Candidature.person_id),
)


def _public(row: Any) -> CandidaturePublic:
    m = row._mapping
    return CandidaturePublic.model_validate(
        {
            **{k: m[k] for k in ("id", "call_id", "motivation", "status", "decision_note")},
            "proposed_at": m["proposed_at"],
            "decided_at": m["decided_at"],
            "committee": {"id": m["committee_id"], "short_name": m["short_name"]},
            "person": {
                "id": m["person_id"],
                "first_name": m["first_name"],
                "last_name": m["last_name"],
            },
        }
    )


def readable_scope(subject: Subject) -> ColumnElement[bool]:
    """SQL condition: the candidatures `subject` may read (403 if none at all)."""
    if subject.is_network_admin:
        return true()
    committee_ids = subject.committees_where(Permission.candidatures_read)
    if not committee_ids:
        raise CandidaturesForbidden()
    return col(Candidature.committee_id).in_(committee_ids)


def find_candidature(
    session: Session, *, call_id: uuid.UUID, candidature_id: uuid.UUID, subject: Subject
) -> Candidature:
    """The candidature of this call, if `subject` may read it (404 otherwise)."""
    scope = readable_scope(subject)
    found = select(Candidature).where(
        Candidature.id == candidature_id, Candidature.call_id == call_id, scope
    )
    return first_or_raise(session, found, CandidatureNotFound())


# A GET's one statement: the answer, its version and the committee the guard decides on.
_CANDIDATURE_BY_ID = _CANDIDATURE_SELECT.where(
    col(Candidature.id) == bindparam("candidature_id"),
    col(Candidature.call_id) == bindparam("call_id"),
)


def read_candidature(
    connection: Connection, *, call_id: uuid.UUID, candidature_id: uuid.UUID, subject: Subject
) -> tuple[CandidaturePublic, int]:
    """`find_candidature` and `show_candidature` in one statement (`readable_scope` decided
    on the row read: 403 if the caller reads no committee's candidatures, 404 if not this
    one's)."""
    readable = None
    if not subject.is_network_admin:
        readable = subject.committees_where(Permission.candidatures_read)
        if not readable:
            raise CandidaturesForbidden()
    params = {"candidature_id": candidature_id, "call_id": call_id}
    row = connection.execute(_CANDIDATURE_BY_ID, params).first()
    if row is None or (readable is not None and row.committee_id not in readable):
        raise CandidatureNotFound()
    return _public(row), row.version


def show_candidature(
    session: Session, *, candidature_id: uuid.UUID
) -> tuple[CandidaturePublic, int]:
    """The candidature as clients see it, and its version (the ETag)."""
    row = session.exec(_CANDIDATURE_SELECT.where(col(Candidature.id) == candidature_id)).one()
    return _public(row), row.version


def list_candidatures(
    session: Session,
    *,
    call_id: uuid.UUID,
    subject: Subject,
    committee_id: uuid.UUID | None,
    status: CandidatureStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[CandidaturePublic], str | None]:
    """The call's candidatures the caller may read, in the order they were proposed."""
    stmt = _CANDIDATURE_SELECT.where(col(Candidature.call_id) == call_id, readable_scope(subject))
    stmt = where_given(
        stmt, (col(Candidature.committee_id), committee_id), (col(Candidature.status), status)
    )
    order = [col(Candidature.proposed_at), col(Candidature.id)]
    rows, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    return [_public(row) for row in rows], next_cursor


def propose(
    session: Session, *, call: Call, data: CandidatureCreate, subject: Subject
) -> tuple[CandidaturePublic, int]:
    """A committee's admin proposes one of the committee's current members."""
    if not subject.can(Permission.candidatures_write, data.committee_id):
        raise Forbidden("You do not propose candidates for this committee.")
    if not committees.committee_exists(session, committee_id=data.committee_id):
        raise InvalidInput("No committee with this id.", field="committee_id")
    if not memberships.is_current_member(
        session, person_id=data.person_id, committee_id=data.committee_id, day=today()
    ):
        raise InvalidInput(
            "This person is not a current member of the committee.", field="person_id"
        )
    if not is_open(call.deadline):
        raise DeadlinePassed(call.deadline, "proposals")
    taken = select(Candidature.id).where(
        Candidature.call_id == call.id, Candidature.person_id == data.person_id
    )
    if exists(session, taken):
        raise AlreadyProposed()
    candidature = Candidature(
        call_id=call.id,
        committee_id=data.committee_id,
        person_id=data.person_id,
        motivation=data.motivation,
        proposed_by=subject.user_id,
    )
    store(session, candidature)
    _emit(session, "hcts.candidature.proposed", candidature, previous=None)
    return show_candidature(session, candidature_id=candidature.id)


def decide(
    session: Session,
    *,
    candidature: Candidature,
    data: CandidatureDecision,
    subject: Subject,
) -> tuple[CandidaturePublic, int]:
    """HCTS accepts or declines a proposed candidature (deadline or not)."""
    if candidature.status != CandidatureStatus.proposed:
        raise NotProposed(candidature.status, "decided")
    previous = candidature.status
    candidature.status = data.decision.value
    candidature.decision_note = data.note
    candidature.decided_at = candidature.updated_at = utcnow()
    candidature.decided_by = subject.user_id
    store(session, candidature)
    _emit(session, f"hcts.candidature.{data.decision.value}", candidature, previous=previous)
    return show_candidature(session, candidature_id=candidature.id)


def withdraw(
    session: Session, *, call: Call, candidature: Candidature
) -> tuple[CandidaturePublic, int]:
    """The committee takes back a proposed candidature while the call is open."""
    if candidature.status != CandidatureStatus.proposed:
        raise NotProposed(candidature.status, "withdrawn")
    if not is_open(call.deadline):
        raise DeadlinePassed(call.deadline, "withdrawals")
    previous = candidature.status
    candidature.status = CandidatureStatus.withdrawn.value
    save(session, candidature)
    _emit(session, "hcts.candidature.withdrawn", candidature, previous=previous)
    return show_candidature(session, candidature_id=candidature.id)


def _emit(session: Session, type: str, candidature: Candidature, previous: str | None) -> None:
    emit(
        session,
        type,
        committee_id=candidature.committee_id,
        payload={
            "candidature_id": candidature.id,
            "call_id": candidature.call_id,
            "person_id": candidature.person_id,
            "from": previous,
            "to": candidature.status,
        },
    )


def open_calls(on: Any) -> Select[*tuple[Any, ...]]:
    """For the committees' inboxes: the calls still open on day `on` (today, Europe/Paris; a
    value or a bound parameter), as (item_id, title, occurred_at), `occurred_at` being when
    they were created."""
    return core_select(
        col(Call.id).label("item_id"),
        col(Call.title).label("title"),
        col(Call.created_at).label("occurred_at"),
    ).where(col(Call.deadline) >= on)
