"""Deliverables: defining them is programme content (locked once validated), their status,
delivery date and link are progress (recorded until the programme is closed)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, bindparam, func
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.core import etags
from api.core.clock import today
from api.core.pagination import RowsPage, paginate
from api.core.problems import InvalidInput, NotFound
from api.core.queries import Prepared, columns_for, exists
from api.core.writes import apply_changes, store
from api.programmes.models import Action, Deliverable, WorkProgramme
from api.programmes.schemas_deliverables import (
    DeliverableCreate,
    DeliverablePublic,
    DeliverableStatus,
    DeliverableUpdate,
)
from api.programmes.service import (
    PUBLISHED,
    Answer,
    answer_columns,
    answer_of,
    ensure_content_editable,
    ensure_trackable,
    items_of,
    readable_all,
)

OPEN_STATUSES = ("planned", "in_progress")
# Fields that define the deliverable (content) and fields that track it (progress).
CONTENT_FIELDS = ("title", "kind", "due_on")
PROGRESS_FIELDS = ("status", "delivered_on", "link")


class DeliverableNotFound(NotFound):
    default_detail = "No deliverable with this id."


@dataclass(frozen=True)
class DeliverableFilters:
    overdue: bool | None = None
    status: DeliverableStatus | None = None


def overdue_condition(on: Any) -> ColumnElement[bool]:
    """SQL: due before `on` (a date or a bound parameter) and still open (a deliverable due
    today is not late yet)."""
    return and_(
        col(Deliverable.due_on).is_not(None),
        col(Deliverable.due_on) < on,
        col(Deliverable.status).in_(OPEN_STATUSES),
    )


# The statements are built once, the day `overdue` is judged on bound at execution (`on`).
ON = bindparam("on", type_=Date)
OVERDUE = overdue_condition(ON)
# Sort key: the due date, undated deliverables last (cursor keys cannot be null).
DUE_KEY = func.coalesce(col(Deliverable.due_on), date.max).label("due_key")
ORDER = (DUE_KEY, col(Deliverable.id))
PUBLIC_COLUMNS: tuple[Any, ...] = (
    *columns_for(Deliverable, DeliverablePublic),
    col(Action.programme_id).label("programme_id"),
    OVERDUE.label("overdue"),
)
_OF_ACTION = col(Action.id) == col(Deliverable.action_id)
_OF_PROGRAMME = col(WorkProgramme.id) == col(Action.programme_id)
LISTED = select(*[*PUBLIC_COLUMNS, DUE_KEY]).join(Action, _OF_ACTION)
_FILTERS: dict[str, Any] = {
    "overdue": lambda value: value == OVERDUE,
    "status": lambda value: col(Deliverable.status) == value,
}
_OF_ACTION_LIST = Prepared(
    LISTED, action_id=lambda value: col(Deliverable.action_id) == value, **_FILTERS
)
_IN_COMMITTEE = LISTED.join(WorkProgramme, _OF_PROGRAMME)
_OF_COMMITTEE = col(WorkProgramme.committee_id) == bindparam("committee_id")
_OF_COMMITTEE_LIST = Prepared(_IN_COMMITTEE.where(_OF_COMMITTEE), **_FILTERS)
_PUBLISHED_OF_COMMITTEE_LIST = Prepared(
    _IN_COMMITTEE.where(_OF_COMMITTEE, col(WorkProgramme.status).in_(sorted(PUBLISHED))),
    **_FILTERS,
)
# A GET's one statement: the guard's and the answer's (`service.Answer`).
_ANSWER = (
    select(*PUBLIC_COLUMNS, *answer_columns(Deliverable))
    .join(Action, _OF_ACTION)
    .join(WorkProgramme, _OF_PROGRAMME)
    .where(col(Deliverable.id) == bindparam("deliverable_id"))
)


def _page(
    session: Session, query: Prepared, limit: int, cursor: str | None, **values: Any
) -> RowsPage:
    stmt, params = query(**values)
    params["on"] = today()
    rows, next_cursor = paginate(
        session, stmt, keys=ORDER, limit=limit, cursor=cursor, params=params
    )
    return deliverable_items(rows), next_cursor


def deliverable_items(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of `LISTED` as the schema's fields (plain values: a page writes them as they
    are), without the order key that ends them."""
    return items_of(rows, fields=-1)


def list_deliverables(
    session: Session,
    *,
    action_id: uuid.UUID,
    filters: DeliverableFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """An action's deliverables by due date (undated last), then id."""
    return _page(
        session,
        _OF_ACTION_LIST,
        limit,
        cursor,
        action_id=action_id,
        overdue=filters.overdue,
        status=filters.status,
    )


def list_committee_deliverables(
    session: Session,
    *,
    committee_id: uuid.UUID,
    subject: Subject | None,
    filters: DeliverableFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The deliverables of every programme of the committee the caller may read."""
    readable = readable_all(subject, committee_id)
    query = _OF_COMMITTEE_LIST if readable else _PUBLISHED_OF_COMMITTEE_LIST
    return _page(
        session,
        query,
        limit,
        cursor,
        committee_id=committee_id,
        overdue=filters.overdue,
        status=filters.status,
    )


def is_committee_deliverable(
    session: Session, *, deliverable_id: uuid.UUID, committee_id: uuid.UUID
) -> bool:
    """Whether the deliverable belongs to an action of one of the committee's programmes."""
    found = (
        select(Deliverable.id)
        .join(Action, col(Action.id) == Deliverable.action_id)
        .join(WorkProgramme, col(WorkProgramme.id) == Action.programme_id)
        .where(Deliverable.id == deliverable_id, WorkProgramme.committee_id == committee_id)
    )
    return exists(session, found)


def find_answer(session: Session, *, deliverable_id: uuid.UUID) -> Answer | None:
    """The deliverable as a GET answers it, with what its guard needs (one statement)."""
    params = {"deliverable_id": deliverable_id, "on": today()}
    return answer_of(session.connection().execute(_ANSWER, params).first())


def to_public(session: Session, deliverable: Deliverable) -> DeliverablePublic:
    # The same SQL as the GET, so `overdue` has one definition.
    found = find_answer(session, deliverable_id=deliverable.id)
    assert found is not None
    return DeliverablePublic.model_validate(found.public)


def create_deliverable(
    session: Session, *, action: Action, programme: WorkProgramme, data: DeliverableCreate
) -> Deliverable:
    ensure_content_editable(programme)
    status = data.status.value
    _check_delivery(status, data.delivered_on)
    deliverable = Deliverable(
        action_id=action.id,
        title=data.title,
        kind=data.kind.value,
        due_on=data.due_on,
        status=status,
        delivered_on=data.delivered_on,
        link=data.link,
    )
    store(session, deliverable)
    return deliverable


def update_deliverable(
    session: Session,
    *,
    deliverable: Deliverable,
    programme: WorkProgramme,
    data: DeliverableUpdate,
    if_match: str | None,
) -> Deliverable:
    changes = {
        k: v.value if hasattr(v, "value") else v
        for k, v in data.model_dump(exclude_unset=True).items()
    }
    if (
        changes.get("status", "delivered") != "delivered"
        and deliverable.status == "delivered"
        and "delivered_on" not in changes
    ):
        changes["delivered_on"] = None
    # Only real changes count: re-sending the validated title is not editing it.
    changes = {k: v for k, v in changes.items() if getattr(deliverable, k) != v}
    _check_delivery(
        changes.get("status", deliverable.status),
        changes.get("delivered_on", deliverable.delivered_on),
    )
    etags.require_match(if_match, deliverable.version)
    if changes.keys() & set(CONTENT_FIELDS):
        ensure_content_editable(programme)
    if changes.keys() & set(PROGRESS_FIELDS):
        ensure_trackable(programme)
    if not changes:
        return deliverable
    apply_changes(session, deliverable, changes)
    return deliverable


def delete_deliverable(
    session: Session, *, deliverable: Deliverable, programme: WorkProgramme, if_match: str | None
) -> None:
    etags.require_match(if_match, deliverable.version)
    ensure_content_editable(programme)
    session.delete(deliverable)
    session.flush()


def _check_delivery(status: str, delivered_on: date | None) -> None:
    if status == "delivered" and delivered_on is None:
        raise InvalidInput("A delivered deliverable needs `delivered_on`.", field="delivered_on")
    if status != "delivered" and delivered_on is not None:
        raise InvalidInput(
            "`delivered_on` is only for a delivered deliverable.", field="delivered_on"
        )
    if delivered_on is not None and delivered_on > today():
        raise InvalidInput("`delivered_on` cannot be in the future.", field="delivered_on")
