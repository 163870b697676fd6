"""Deliverables: defining them is programme content (locked once validated), their status,
delivery date and link are progress (recorded until the programme is closed)."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Label, and_, func
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import today
from api.core.pagination import page_of_dicts, paginate
from api.core.problems import InvalidInput, NotFound
from api.core.queries import columns_for, exists, where_given
from api.core.writes import apply_changes, store
from api.programmes.models import Action, Deliverable, WorkProgramme
from api.programmes.schemas_deliverables import (
    DeliverableCreate,
    DeliverablePublic,
    DeliverableStatus,
    DeliverableUpdate,
)
from api.programmes.service import PUBLISHED, ensure_content_editable, ensure_trackable

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


def overdue_condition(on: date) -> ColumnElement[bool]:
    """SQL: due before `on` and still open (a deliverable due today is not late yet)."""
    return and_(
        col(Deliverable.due_on).is_not(None),
        col(Deliverable.due_on) < on,
        col(Deliverable.status).in_(OPEN_STATUSES),
    )


def due_key() -> Label[date]:
    """Sort key: the due date, undated deliverables last (cursor keys cannot be null)."""
    return func.coalesce(col(Deliverable.due_on), date.max).label("due_key")


def public_columns(on: date) -> list[Any]:
    columns = columns_for(Deliverable, DeliverablePublic)
    return [
        *columns,
        col(Action.programme_id).label("programme_id"),
        overdue_condition(on).label("overdue"),
    ]


def base_query(on: date) -> Any:
    columns: list[Any] = [*public_columns(on), due_key()]
    return select(*columns).join(Action, col(Action.id) == col(Deliverable.action_id))


def _filtered(stmt: Any, filters: DeliverableFilters, on: date) -> Any:
    if filters.overdue is True:
        stmt = stmt.where(overdue_condition(on))
    elif filters.overdue is False:
        stmt = stmt.where(~overdue_condition(on))
    stmt = where_given(stmt, (col(Deliverable.status), filters.status))
    return stmt


def _page(session: Session, stmt: Any, limit: int, cursor: str | None) -> Any:
    order = [due_key(), col(Deliverable.id)]
    return page_of_dicts(paginate(session, stmt, keys=order, limit=limit, cursor=cursor))


def list_deliverables(
    session: Session,
    *,
    action_id: uuid.UUID,
    filters: DeliverableFilters,
    limit: int,
    cursor: str | None,
) -> tuple[list[DeliverablePublic], str | None]:
    """An action's deliverables by due date (undated last), then id."""
    on = today()
    stmt = _filtered(base_query(on).where(col(Deliverable.action_id) == action_id), filters, on)
    return _page(session, stmt, limit, cursor)  # type: ignore[no-any-return]


def list_committee_deliverables(
    session: Session,
    *,
    committee_id: uuid.UUID,
    subject: Subject | None,
    filters: DeliverableFilters,
    limit: int,
    cursor: str | None,
) -> tuple[list[DeliverablePublic], str | None]:
    """The deliverables of every programme of the committee the caller may read."""
    on = today()
    stmt = (
        base_query(on)
        .join(WorkProgramme, col(WorkProgramme.id) == col(Action.programme_id))
        .where(col(WorkProgramme.committee_id) == committee_id)
    )
    if subject is None or not subject.can(Permission.programmes_read, committee_id):
        stmt = stmt.where(col(WorkProgramme.status).in_(PUBLISHED))
    return _page(session, _filtered(stmt, filters, on), limit, cursor)  # type: ignore[no-any-return]


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


def to_public(session: Session, deliverable: Deliverable) -> DeliverablePublic:
    # The same SQL as the lists, so `overdue` has one definition.
    row = session.connection().execute(
        base_query(today()).where(col(Deliverable.id) == deliverable.id)
    )
    return DeliverablePublic.model_validate(dict(row.one()._mapping))


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
