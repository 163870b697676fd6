"""HCTS liaison, downwards: work-programme axes and publications (relays: service_relays).

HCTS content is the network's (only `hcts:manage` writes it); a committee records that it
relayed a published item. Every change emits one outbox event, after its checks."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, distinct, func, or_
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.clock import utcnow
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import exists, where_given
from api.core.writes import apply_changes, patch_changes, store
from api.hcts.models import Axis, Call, Publication, Relay
from api.hcts.schemas_publications import (
    AxisCreate,
    AxisPublic,
    AxisUpdate,
    PublicationCreate,
    PublicationKind,
    PublicationPublic,
    PublicationStatus,
    PublicationUpdate,
)
from api.outbox.service import emit


def find_publication(session: Session, *, publication_id: uuid.UUID) -> Publication | None:
    return session.get(Publication, publication_id)


def may_see_drafts(subject: Subject | None) -> bool:
    return subject is not None and subject.can(Permission.hcts_manage)


class AxisNotFound(NotFound):
    default_detail = "No HCTS axis with this id."


class PublicationNotFound(NotFound):
    default_detail = "No HCTS publication with this id."


class AxisInUse(Conflict):
    """Publications or calls refer to the axis."""


class AxisCodeTaken(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(f"Another axis has the code {code!r}.")


class AlreadyPublished(Conflict):
    default_detail = "This publication is already published."


class PublicationRelayed(Conflict):
    default_detail = (
        "Committees have relayed this publication; deleting it would erase their records."
    )


# --- axes -----------------------------------------------------------------------------------


def list_axes(
    session: Session, *, year: int | None, limit: int, cursor: str | None
) -> tuple[list[Axis], str | None]:
    stmt = select(Axis)
    if year is not None:
        stmt = stmt.where(
            col(Axis.starts_in) <= year, or_(col(Axis.ends_in).is_(None), col(Axis.ends_in) >= year)
        )
    keys = [col(Axis.starts_in), col(Axis.position), col(Axis.id)]
    return paginate(session, stmt, keys=keys, limit=limit, cursor=cursor)


def get_axis(session: Session, *, axis_id: uuid.UUID) -> Axis:
    axis = session.get(Axis, axis_id)
    if axis is None:
        raise AxisNotFound()
    return axis


def create_axis(session: Session, *, data: AxisCreate) -> Axis:
    _check_code(session, code=data.code, axis_id=None)
    axis = Axis(**data.model_dump())
    store(session, axis)
    _emit(session, "hcts.axis.created", axis_id=axis.id)
    return axis


def update_axis(session: Session, *, axis: Axis, data: AxisUpdate, if_match: str | None) -> Axis:
    changes = patch_changes(data)
    starts_in = changes.get("starts_in", axis.starts_in)
    ends_in = changes.get("ends_in", axis.ends_in)
    if ends_in is not None and ends_in < starts_in:
        raise InvalidInput("ends_in must not be before starts_in.", field="ends_in")
    etags.require_match(if_match, axis.version)
    if "code" in changes:
        _check_code(session, code=changes["code"], axis_id=axis.id)
    apply_changes(session, axis, changes)
    _emit(session, "hcts.axis.updated", axis_id=axis.id, fields=sorted(changes))
    return axis


def delete_axis(session: Session, *, axis: Axis, if_match: str | None) -> None:
    """Delete an axis nothing refers to: the foreign keys would silently unlink publications
    and calls from it."""
    etags.require_match(if_match, axis.version)
    if exists(session, select(Publication.id).where(Publication.axis_id == axis.id)):
        raise AxisInUse("Publications refer to this axis; move them to another axis first.")
    if axis_has_calls(session, axis_id=axis.id):
        raise AxisInUse("Calls for candidates refer to this axis; move them first.")
    axis_id = axis.id
    session.delete(axis)
    session.flush()
    _emit(session, "hcts.axis.deleted", axis_id=axis_id)


def axis_has_calls(session: Session, *, axis_id: uuid.UUID) -> bool:
    return exists(session, select(Call.id).where(Call.axis_id == axis_id))


def _check_code(session: Session, *, code: str, axis_id: uuid.UUID | None) -> None:
    other = session.exec(select(Axis.id).where(Axis.code == code)).first()
    if other is not None and other != axis_id:
        raise AxisCodeTaken(code)


def to_axis_public(axis: Axis) -> AxisPublic:
    return AxisPublic.model_validate(axis)


def _emit(session: Session, type: str, **payload: Any) -> None:
    """An event of the network's HCTS content: it belongs to no committee."""
    emit(session, type, committee_id=None, payload=payload)


# --- publications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationFilters:
    kind: PublicationKind | None = None
    status: PublicationStatus | None = None
    axis_id: uuid.UUID | None = None
    published_from: date | None = None
    published_to: date | None = None


def _relay_count() -> Any:
    # Correlated: one index probe per row of the page (the relays' unique key leads with it).
    return (
        select(func.count(distinct(col(Relay.committee_id))))
        .where(col(Relay.publication_id) == col(Publication.id))
        .scalar_subquery()
        .label("relay_count")
    )


_PUBLICATION_COLUMNS = [
    column
    for column in Publication.__table__.columns  # type: ignore[attr-defined]
    if column.key != "version"
]


def list_publications(
    session: Session,
    *,
    subject: Subject | None,
    filters: PublicationFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """Newest first; drafts only for HCTS managers."""
    stmt = core_select(*_PUBLICATION_COLUMNS, _relay_count())
    if not may_see_drafts(subject):
        stmt = stmt.where(col(Publication.status) == PublicationStatus.published.value)
    stmt = where_given(
        stmt,
        (col(Publication.status), filters.status),
        (col(Publication.kind), filters.kind),
        (col(Publication.axis_id), filters.axis_id),
    )
    if filters.published_from is not None:
        stmt = stmt.where(col(Publication.published_on) >= filters.published_from)
    if filters.published_to is not None:
        stmt = stmt.where(col(Publication.published_on) <= filters.published_to)
    order = [col(Publication.published_on), col(Publication.id)]
    return page_of_dicts(
        paginate(session, stmt, keys=order, limit=limit, cursor=cursor, descending=True),
    )


# A GET's one statement: what the guard decides on (the status) and the answer, its ETag's
# version too.
_PUBLICATION_BY_ID = core_select(
    *_PUBLICATION_COLUMNS, _relay_count(), col(Publication.version)
).where(col(Publication.id) == bindparam("publication_id"))


def read_publication(connection: Connection, *, publication_id: uuid.UUID) -> dict[str, Any] | None:
    """The publication as `PublicationPublic`'s fields and its `version`, or None."""
    row = connection.execute(_PUBLICATION_BY_ID, {"publication_id": publication_id}).first()
    return None if row is None else row._asdict()


def to_publication_public(session: Session, publication: Publication) -> PublicationPublic:
    stmt = core_select(*_PUBLICATION_COLUMNS, _relay_count()).where(
        col(Publication.id) == publication.id
    )
    row = session.connection().execute(stmt).one()
    return PublicationPublic.model_validate(dict(row._mapping))


def create_publication(session: Session, *, data: PublicationCreate) -> Publication:
    if data.axis_id is not None:
        _check_axis(session, axis_id=data.axis_id)
    publication = Publication(
        **data.model_dump(exclude={"kind"}),
        kind=data.kind.value,
        status=PublicationStatus.draft.value,
    )
    store(session, publication)
    _emit(session, "hcts.publication.created", publication_id=publication.id, status="draft")
    return publication


def update_publication(
    session: Session, *, publication: Publication, data: PublicationUpdate, if_match: str | None
) -> Publication:
    changes = patch_changes(data)
    if changes.get("axis_id") is not None:
        _check_axis(session, axis_id=changes["axis_id"])
    etags.require_match(if_match, publication.version)
    if "kind" in changes:
        changes["kind"] = PublicationKind(changes["kind"]).value
    apply_changes(session, publication, changes)
    _emit(
        session,
        "hcts.publication.updated",
        publication_id=publication.id,
        status=publication.status,
        fields=sorted(changes),
    )
    return publication


def publish_publication(
    session: Session, *, publication: Publication, if_match: str | None
) -> Publication:
    etags.check_match(if_match, publication.version)
    if publication.status == PublicationStatus.published.value:
        raise AlreadyPublished()
    publication.status = PublicationStatus.published.value
    publication.published_at = publication.updated_at = utcnow()
    store(session, publication)
    _emit(
        session,
        "hcts.publication.published",
        publication_id=publication.id,
        **{"from": "draft", "to": "published"},
        published_at=publication.published_at,
    )
    return publication


def delete_publication(session: Session, *, publication: Publication, if_match: str | None) -> None:
    etags.require_match(if_match, publication.version)
    publication_id, status = publication.id, publication.status
    # Relays' publication_id is RESTRICT: the database refuses while one refers to it.
    delete_unless_referenced(session, publication, PublicationRelayed())
    _emit(session, "hcts.publication.deleted", publication_id=publication_id, status=status)


def _check_axis(session: Session, *, axis_id: uuid.UUID) -> None:
    if session.get(Axis, axis_id) is None:
        raise InvalidInput("No HCTS axis has this id.", field="axis_id")
