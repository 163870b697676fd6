"""Work programmes. The lock rule and what the sub-resources share are at the top."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, bindparam, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import today
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import Prepared, columns_for, where_given
from api.core.writes import apply_changes, patch_changes, store
from api.programmes import service_transitions
from api.programmes.models import Action, ProgrammeTransition, WorkProgramme
from api.programmes.schemas import ProgrammeCreate, ProgrammePublic, ProgrammeUpdate

# What the COPIL validated is what is shown: content changes only before validation.
CONTENT_EDITABLE = frozenset({"draft", "proposed"})
# Progress (deliverable status, measurements) is tracked until the programme is closed.
TRACKABLE = frozenset({"draft", "proposed", "validated", "in_progress"})
# Visible to anyone who may see the committee once validated (anonymous for public ones).
PUBLISHED = frozenset({"validated", "in_progress", "closed"})


class ProgrammeNotFound(NotFound):
    default_detail = "No work programme with this id."


class ActionNotFound(NotFound):
    default_detail = "No action with this id."


class ProgrammeLocked(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"The programme is {status}: its content cannot change; move it back to "
            "'proposed' first."
        )


class HistoryKept(Conflict):
    """A delete refused because the row holds history (see api.core.integrity.holdings)."""

    def __init__(self, what: str, holdings: list[str]) -> None:
        held = ", ".join(holdings) or "a history"
        super().__init__(
            f"This {what} holds {held}, which would be lost with it; delete those first "
            "if they were recorded by mistake (a programme's status history is kept)."
        )


class ProgrammeClosed(Conflict):
    default_detail = "The programme is closed: nothing more can be recorded on it."


def find_programme(session: Session, *, programme_id: uuid.UUID) -> WorkProgramme | None:
    return session.get(WorkProgramme, programme_id)


def find_with_programme(
    session: Session, model: type[Any], *, item_id: uuid.UUID
) -> tuple[Any, WorkProgramme] | None:
    """An action, or what hangs from one (`model` with an `action_id`: a deliverable, an
    indicator), and its programme, in one statement: a guard reads them together."""
    stmt = select(model, WorkProgramme)
    if model is not Action:
        stmt = stmt.join(Action, col(Action.id) == model.action_id)
    stmt = stmt.join(WorkProgramme, col(WorkProgramme.id) == col(Action.programme_id))
    found = session.exec(stmt.where(model.id == item_id)).first()
    return (found[0], found[1]) if found is not None else None


@dataclass(frozen=True)
class Answer:
    """What a GET of an action, a deliverable or an indicator reads in one statement: its
    programme's committee and status (what its guard decides on), its version (the ETag) and
    its public fields by name."""

    committee_id: uuid.UUID
    programme_status: str
    version: int
    public: dict[str, Any]


def answer_columns(model: type[Any]) -> tuple[Any, ...]:
    """The columns an answer's statement adds to the public ones of `model` (an action, a
    deliverable, an indicator joined to its programme), read back by `answer_of`."""
    return (
        col(WorkProgramme.committee_id).label("answer_committee_id"),
        col(WorkProgramme.status).label("answer_programme_status"),
        col(model.version).label("answer_version"),
    )


def answer_of(row: Any) -> Answer | None:
    """The `Answer` of a row of public columns and `answer_columns` (None: no row)."""
    if row is None:
        return None
    public = row._asdict()
    return Answer(
        public.pop("answer_committee_id"),
        public.pop("answer_programme_status"),
        public.pop("answer_version"),
        public,
    )


def items_of(rows: Sequence[Any], *, fields: int | None = None) -> list[dict[str, Any]]:
    """Rows as plain dicts by column name, keeping their first `fields` columns (default all;
    those after are order keys): zipped with names read once, where `Row._asdict` per row
    costs several times as much on a page of a hundred."""
    if not rows:
        return []
    names = rows[0]._fields[:fields]
    return [dict(zip(names, row, strict=False)) for row in rows]


def ensure_content_editable(programme: WorkProgramme) -> None:
    if programme.status not in CONTENT_EDITABLE:
        raise ProgrammeLocked(programme.status)


def ensure_trackable(programme: WorkProgramme) -> None:
    if programme.status not in TRACKABLE:
        raise ProgrammeClosed()


# --- programmes: list, create, edit, delete ----------------------------------------------


def readable_all(subject: Subject | None, committee_id: uuid.UUID) -> bool:
    """Whether `subject` reads every programme of the committee (else the published ones)."""
    return subject is not None and subject.can(Permission.programmes_read, committee_id)


def readable_condition(subject: Subject | None, committee_id: uuid.UUID) -> ColumnElement[bool]:
    """SQL condition on WorkProgramme: what `subject` may read in a committee it can see."""
    if readable_all(subject, committee_id):
        return true()
    return _IS_PUBLISHED


_IS_PUBLISHED = col(WorkProgramme.status).in_(sorted(PUBLISHED))
_PROGRAMMES = select(*columns_for(WorkProgramme, ProgrammePublic)).where(
    col(WorkProgramme.committee_id) == bindparam("committee_id")
)
_LIST = Prepared(_PROGRAMMES, status=lambda value: col(WorkProgramme.status) == value)
_PUBLISHED_LIST = Prepared(_PROGRAMMES.where(_IS_PUBLISHED), **_LIST.filters)
_ORDER = (col(WorkProgramme.period_start), col(WorkProgramme.id))


def list_programmes(
    session: Session,
    *,
    committee_id: uuid.UUID,
    subject: Subject | None,
    status: str | None,
    as_of: date | None = None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The committee's programmes the caller may read (the route's guard saw the committee),
    by period start. With a past `as_of`, those drafted by then, each with the
    status it had that day (from its transitions), which `status` filters on."""
    if as_of is None or as_of >= today():
        # No step is dated after today: the programme's own status is its latest.
        query = _LIST if readable_all(subject, committee_id) else _PUBLISHED_LIST
        stmt, params = query(committee_id=committee_id, status=status)
        rows, next_cursor = paginate(
            session, stmt, keys=_ORDER, limit=limit, cursor=cursor, params=params
        )
        return items_of(rows), next_cursor
    readable = (
        WorkProgramme.committee_id == committee_id,
        readable_condition(subject, committee_id),
    )
    step = aliased(ProgrammeTransition)
    columns: list[Any] = [
        *(getattr(WorkProgramme, f) for f in ProgrammePublic.model_fields if f != "status"),
        col(step.status).label("status"),
    ]
    then = (
        select(*columns)
        .join(step, col(step.id) == service_transitions.STEPS.last_on(col(WorkProgramme.id), as_of))
        .where(*readable)
    )
    then = where_given(then, (step.status, status))
    return page_of_dicts(paginate(session, then, keys=_ORDER, limit=limit, cursor=cursor))


def create_programme(
    session: Session, *, committee_id: uuid.UUID, data: ProgrammeCreate, actor_id: uuid.UUID | None
) -> WorkProgramme:
    """A new draft programme, with its first (`draft`) transition."""
    drafted_on = data.drafted_on or today()
    if drafted_on > today():
        raise InvalidInput("The draft date cannot be in the future.", field="drafted_on")
    programme = WorkProgramme(
        committee_id=committee_id,
        title=data.title,
        period_start=data.period_start,
        period_end=data.period_end,
        status="draft",
    )
    store(session, programme)
    session.add(
        ProgrammeTransition(
            programme_id=programme.id,
            seq=1,
            status="draft",
            effective_on=drafted_on,
            actor_id=actor_id,
        )
    )
    session.flush()
    return programme


def update_programme(
    session: Session, *, programme: WorkProgramme, data: ProgrammeUpdate, if_match: str | None
) -> WorkProgramme:
    changes = patch_changes(data)
    start = changes.get("period_start", programme.period_start)
    end = changes.get("period_end", programme.period_end)
    if end < start:
        raise InvalidInput("period_end must not be before period_start.", field="period_end")
    etags.require_match(if_match, programme.version)
    ensure_content_editable(programme)
    apply_changes(session, programme, changes)
    return programme


class ProgrammeNotDraft(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"Only a draft programme can be deleted; this one is {status} (its history is kept)."
        )


def delete_programme(session: Session, *, programme: WorkProgramme, if_match: str | None) -> None:
    etags.require_match(if_match, programme.version)
    if programme.status != "draft":
        raise ProgrammeNotDraft(programme.status)
    # A draft sent back from `proposed` has a history beyond its creation step: kept.
    created = session.exec(
        select(ProgrammeTransition).where(
            ProgrammeTransition.programme_id == programme.id, ProgrammeTransition.seq == 1
        )
    ).all()
    delete_unless_referenced(session, programme, partial(HistoryKept, "programme"), parts=created)
