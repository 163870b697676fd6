"""Bodies of a committee. What other domains use is at the top."""

import uuid
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, Subquery, case, delete, func, insert
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.bodies.models import Body, CompositionTarget
from api.bodies.schemas import BodyCreate, BodyKind, BodyUpdate, CompositionTargetIn
from api.committees import service as committees
from api.core import etags
from api.core.figures import within
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, NotFound
from api.core.queries import Prepared
from api.core.writes import patch_changes, save, store
from api.outbox.service import emit
from api.people.schemas import PersonCategory


def find_body(session: Session, *, body_id: uuid.UUID) -> Body | None:
    return session.get(Body, body_id)


class BodyNotFound(NotFound):
    default_detail = "No body with this id."


def body_of_committee(session: Session, *, committee_id: uuid.UUID, body_id: uuid.UUID) -> Body:
    """The body, if it is one of the committee's (else the body's 404, as a foreign one)."""
    body = session.get(Body, body_id)
    if body is None or body.committee_id != committee_id:
        raise BodyNotFound()
    return body


def targeted_bodies(
    session: Session, *, committee_ids: Select[Any], readable: Collection[uuid.UUID] | None
) -> list[dict[str, Any]]:
    """The bodies with at least one composition target (`body_id`, `committee_id`,
    `body_name`, `body_kind`) in the committees of `committee_ids` and of `readable` (None:
    every one), by name."""
    targeted = select(CompositionTarget.body_id).distinct()
    rows = session.execute(
        core_select(
            col(Body.id).label("body_id"),
            col(Body.committee_id).label("committee_id"),
            col(Body.name).label("body_name"),
            col(Body.kind).label("body_kind"),
        )
        .where(
            col(Body.id).in_(targeted),
            col(Body.committee_id).in_(committee_ids.scalar_subquery()),
            within(col(Body.committee_id), readable),
        )
        .order_by(col(Body.name), col(Body.id))
    )
    return [row._asdict() for row in rows]


def targets_of(
    session: Session, *, body_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Decimal]]:
    """Each body's targets: category → least share."""
    found: dict[uuid.UUID, dict[str, Decimal]] = {body_id: {} for body_id in body_ids}
    rows = session.exec(
        select(CompositionTarget).where(col(CompositionTarget.body_id).in_(sorted(body_ids)))
    )
    for target in rows:
        found[target.body_id][target.category] = target.at_least
    return found


def targets_row(body_id: Any) -> Subquery:
    """SQL: the targets of the body whose id is `body_id` (a bound parameter, say) as one row
    of a column per category, named as it, null where none is set: another domain's
    statement joins it (it always has its one row)."""
    at_least = col(CompositionTarget.at_least)
    return (
        core_select(
            *(
                func.max(case((col(CompositionTarget.category) == c.value, at_least))).label(
                    c.value
                )
                for c in PersonCategory
            )
        )
        .where(col(CompositionTarget.body_id) == body_id)
        .subquery()
    )


def replace_targets(
    session: Session, *, body: Body, targets: Sequence[CompositionTargetIn]
) -> None:
    """The body's targets become `targets` (the schema allows one per category)."""
    session.execute(delete(CompositionTarget).where(col(CompositionTarget.body_id) == body.id))
    if targets:
        rows = [
            {"body_id": body.id, "category": t.category.value, "at_least": t.at_least}
            for t in targets
        ]
        session.execute(insert(CompositionTarget), rows)
    categories = sorted(t.category.value for t in targets)
    _emit(session, "body.targets.replaced", body, categories=categories)


def _emit(session: Session, type: str, body: Body, **payload: Any) -> None:
    payload = {"body_id": body.id, "kind": body.kind, **payload}
    emit(session, type, committee_id=body.committee_id, payload=payload)


class BodyInUse(Conflict):
    default_detail = (
        "This body is referenced by memberships or meetings; deleting it would erase who "
        "sat in it or which meetings it held. Rename it or leave it unused instead."
    )


def bodies_of(session: Session, *, committee_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
    """The committee's bodies as (id, kind, name): few, read at once (an import names them)."""
    stmt = select(Body.id, Body.kind, Body.name).where(Body.committee_id == committee_id)
    return [(id, kind, name) for id, kind, name in session.exec(stmt).all()]


def list_bodies(
    session: Session,
    *,
    committee_id: uuid.UUID,
    kind: BodyKind | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """The committee's bodies by name. An empty page is the committee's 404 when it does not
    exist (its guard, api.bodies.deps, may have left that to the page)."""
    stmt, params = _LIST(committee_id=committee_id, kind=kind)
    page = paginate(session, stmt, keys=_ORDER, limit=limit, cursor=cursor, params=params)
    if not page[0] and not committees.committee_exists(session, committee_id=committee_id):
        raise committees.CommitteeNotFound()
    return page_of_dicts(page)


def create_body(
    session: Session, *, committee_id: uuid.UUID, data: BodyCreate, external_id: str | None = None
) -> Body:
    """`external_id`: SCIM's `externalId` (only SCIM provisioning sets it)."""
    body = Body(
        committee_id=committee_id,
        kind=data.kind.value,
        name=data.name,
        description=data.description,
        external_id=external_id,
    )
    store(session, body)
    _emit(session, "body.created", body)
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
    _emit(session, "body.updated", body, fields=sorted(changes))
    return body


def set_external_id(session: Session, *, body: Body, external_id: str | None) -> None:
    """SCIM's `externalId` of the body."""
    if external_id != body.external_id:
        body.external_id = external_id
        save(session, body)
        _emit(session, "body.updated", body, fields=["external_id"])


def delete_body(session: Session, *, body: Body, if_match: str | None) -> None:
    """Delete an unused body. Memberships and meetings refer to it with ON DELETE RESTRICT:
    unlinking them would rewrite history (who sat in the COPIL, which meeting was a COPIL's)."""
    etags.require_match(if_match, body.version)
    delete_unless_referenced(session, body, BodyInUse())
    _emit(session, "body.deleted", body)


_LIST = Prepared(
    core_select(
        *(
            column
            for column in Body.__table__.columns  # type: ignore[attr-defined]
            if column.key not in ("version", "external_id")
        )
    ),
    committee_id=lambda value: col(Body.committee_id) == value,
    kind=lambda value: col(Body.kind) == value,
)
_ORDER = (col(Body.name), col(Body.id))


class BodyColumns(NamedTuple):
    """What other domains read of a body in their own queries (SCIM's Groups)."""

    id: Any
    committee_id: Any
    name: Any
    kind: Any
    external_id: Any
    created_at: Any
    updated_at: Any
    version: Any


BODY = BodyColumns(*(col(getattr(Body, name)) for name in BodyColumns._fields))


# For other domains' figures by body kind: the column, and a join to it from theirs.
BODY_KIND = col(Body.kind)


def join_body(stmt: Any, body_id: Any) -> Any:
    """`stmt` joined to the body whose id is in `body_id` (rows without one dropped)."""
    return stmt.join(Body, col(Body.id) == body_id)


def ids_of_kind(kind: BodyKind) -> Select[Any]:
    """SQL: the ids of the bodies of `kind`, for other domains' figures."""
    return select(col(Body.id)).where(col(Body.kind) == kind.value)
