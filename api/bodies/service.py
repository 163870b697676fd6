"""Bodies of a committee. What other domains use is at the top."""

import uuid
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session, col, select

from api.bodies.models import Body
from api.bodies.schemas import BodyCreate, BodyKind, BodyUpdate
from api.core import etags
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, NotFound
from api.core.queries import where_given
from api.core.writes import patch_changes, save, store


def find_body(session: Session, *, body_id: uuid.UUID) -> Body | None:
    return session.get(Body, body_id)


class BodyNotFound(NotFound):
    default_detail = "No body with this id."


class BodyInUse(Conflict):
    default_detail = (
        "This body is referenced by memberships or meetings; deleting it would erase who "
        "sat in it or which meetings it held. Rename it or leave it unused instead."
    )


def list_bodies(
    session: Session,
    *,
    committee_id: uuid.UUID,
    kind: BodyKind | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    stmt = select(*_LIST_COLUMNS).where(Body.committee_id == committee_id)
    stmt = where_given(stmt, (Body.kind, kind))
    return page_of_dicts(
        paginate(session, stmt, keys=[col(Body.name), col(Body.id)], limit=limit, cursor=cursor),
    )


def create_body(session: Session, *, committee_id: uuid.UUID, data: BodyCreate) -> Body:
    body = Body(
        committee_id=committee_id,
        kind=data.kind.value,
        name=data.name,
        description=data.description,
    )
    store(session, body)
    return body


def update_body(session: Session, *, body: Body, data: BodyUpdate, if_match: str | None) -> Body:
    changes = patch_changes(data)
    etags.require_match(if_match, body.version)
    if "kind" in changes:
        changes["kind"] = BodyKind(changes["kind"]).value
    for field in ("kind", "name", "description"):
        if field in changes:
            setattr(body, field, changes[field])
    save(session, body)
    return body


def delete_body(session: Session, *, body: Body, if_match: str | None) -> None:
    """Delete an unused body. Memberships and meetings refer to it with ON DELETE RESTRICT:
    unlinking them would rewrite history (who sat in the COPIL, which meeting was a COPIL's)."""
    etags.require_match(if_match, body.version)
    delete_unless_referenced(session, body, BodyInUse())


_LIST_COLUMNS = [
    column
    for column in Body.__table__.columns  # type: ignore[attr-defined]
    if column.key != "version"
]


def ids_of_kind(kind: BodyKind) -> Select[Any]:
    """SQL: the ids of the bodies of `kind`, for other domains' figures."""
    return select(col(Body.id)).where(col(Body.kind) == kind.value)
