"""A committee's inbox: a read-only aggregation over other domains' tables.

Nothing here owns publications, calls, contributions or seminars: each owner's service gives
its feed (what is new for a committee), the inbox puts them in one UNION ALL per page and writes
only its own `inbox_reads` rows, the per-committee read state (a row means read; no row means
unread).

What is in the inbox *now*, newest first:
  publication          published and not yet relayed by the committee (at `published_at`);
  call                 still open, i.e. today (Europe/Paris) <= deadline (at `created_at`);
  contribution_update  HCTS moved one of the committee's contributions to acknowledged,
                       taken_up, answered or declined (at the transition's `recorded_at`);
  seminar              not started yet (at `created_at`).
An item that leaves (relayed, deadline passed, seminar started) keeps its read row, harmlessly.
"""

import uuid
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Date,
    Insert,
    Select,
    String,
    Subquery,
    Uuid,
    and_,
    bindparam,
    cast,
    delete,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from api.contributions import service as contributions
from api.core.clock import today, utcnow
from api.core.models import UTCDateTime
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import NotFound
from api.hcts import service_calls as calls
from api.hcts import service_relays as relays
from api.inbox.models import InboxRead
from api.inbox.schemas import ContributionUpdateStatus, InboxKind
from api.outbox.service import emit
from api.seminars import service as seminars


class InboxItemNotFound(NotFound):
    default_detail = "No item of this kind and id is in the committee's inbox."


_ID_COLUMNS = ("publication_id", "call_id", "contribution_id", "seminar_id")


def _columns(
    kind: InboxKind,
    item_id: Any,
    title: Any,
    occurred_at: Any,
    ids: dict[str, Any],
    to_status: Any = None,
) -> list[Any]:
    """The select list every source shares, in the same order (UNION ALL matches by position)."""
    return [
        literal(kind.value, String(30)).label("kind"),
        item_id.label("item_id"),
        title.label("title"),
        occurred_at.label("occurred_at"),
        *(ids.get(name, cast(null(), Uuid)).label(name) for name in _ID_COLUMNS),
        (cast(null(), String(20)) if to_status is None else to_status).label("to_status"),
    ]


def _source(kind: InboxKind, feed: Select[Any], target: str) -> Select[Any]:
    """The items of one kind: the owner's feed, put in the shape every source shares."""
    rows = feed.subquery()
    return select(
        *_columns(
            kind,
            rows.c.item_id,
            rows.c.title,
            rows.c.occurred_at,
            {target: rows.c.get(target, rows.c.item_id)},
            to_status=rows.c.get("to_status"),
        )
    )


# The values a page of the inbox binds: its committee, today (Europe/Paris) and now.
_COMMITTEE = bindparam("committee_id", type_=Uuid)
_TODAY = bindparam("today", type_=Date)
_NOW = bindparam("now", type_=UTCDateTime)


def _publications(committee_id: Any) -> Select[Any]:
    feed = relays.unrelayed_publications(committee_id)
    return _source(InboxKind.publication, feed, "publication_id")


def _calls(committee_id: Any) -> Select[Any]:
    return _source(InboxKind.call, calls.open_calls(_TODAY), "call_id")


def _contribution_updates(committee_id: Any) -> Select[Any]:
    feed = contributions.answers_of(committee_id, [s.value for s in ContributionUpdateStatus])
    return _source(InboxKind.contribution_update, feed, "contribution_id")


def _seminars(committee_id: Any) -> Select[Any]:
    return _source(InboxKind.seminar, seminars.upcoming_seminars(_NOW), "seminar_id")


_SOURCES: dict[InboxKind, Callable[[Any], Select[Any]]] = {
    InboxKind.publication: _publications,
    InboxKind.call: _calls,
    InboxKind.contribution_update: _contribution_updates,
    InboxKind.seminar: _seminars,
}


def _items(committee_id: Any, kinds: Sequence[InboxKind]) -> Subquery:
    """What is in the inbox now, as one subquery (a UNION ALL of the sources asked for)."""
    selects = [_SOURCES[kind](committee_id) for kind in kinds]
    if len(selects) == 1:
        return selects[0].subquery("inbox_items")
    return union_all(*selects).subquery("inbox_items")


def _with_reads(committee_id: Any, items: Subquery) -> Any:
    return items.outerjoin(
        InboxRead,
        and_(
            col(InboxRead.committee_id) == committee_id,
            col(InboxRead.kind) == items.c.kind,
            col(InboxRead.item_id) == items.c.item_id,
        ),
    )


def list_inbox(
    session: Session,
    *,
    committee_id: uuid.UUID,
    kind: InboxKind | None,
    unread: bool | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """One page of the inbox, newest first, in one statement, prepared (built once per
    filter combination, its values bound)."""
    stmt, order = _page_statement(kind, unread)
    params = {"committee_id": committee_id, **_moment()}
    return page_of_dicts(
        paginate(
            session, stmt, keys=order, limit=limit, cursor=cursor, descending=True, params=params
        )
    )


@lru_cache(maxsize=16)
def _page_statement(
    kind: InboxKind | None, unread: bool | None
) -> tuple[Select[Any], tuple[Any, ...]]:
    items = _items(_COMMITTEE, [kind] if kind is not None else list(InboxKind))
    # `read` too: the rows are the items as they are written.
    read = col(InboxRead.read_at).is_not(None).label("read")
    stmt = select(items, read, col(InboxRead.read_at)).select_from(_with_reads(_COMMITTEE, items))
    if unread is not None:
        read_row = col(InboxRead.committee_id)
        stmt = stmt.where(read_row.is_(None) if unread else read_row.is_not(None))
    return stmt, (items.c.occurred_at, items.c.item_id)


def _in_inbox(
    session: Session, *, committee_id: uuid.UUID, kind: InboxKind, item_id: uuid.UUID
) -> bool:
    items = _items(committee_id, [kind])
    found = session.connection().execute(
        select(items.c.item_id).where(items.c.item_id == item_id).limit(1), _moment()
    )
    return found.first() is not None


def _moment() -> dict[str, Any]:
    """The values of the sources' `today` and `now` parameters."""
    return {"today": today(), "now": utcnow()}


def _insert(session: Session) -> Any:
    """INSERT … ON CONFLICT DO NOTHING, so two concurrent marks cannot collide (the rows
    inserted come back through RETURNING: none means it was read already)."""
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(InboxRead)


def mark_read(
    session: Session,
    *,
    committee_id: uuid.UUID,
    kind: InboxKind,
    item_id: uuid.UUID,
    user_id: uuid.UUID,
) -> None:
    """Mark an item read; already read is a no-op (no event)."""
    if not _in_inbox(session, committee_id=committee_id, kind=kind, item_id=item_id):
        raise InboxItemNotFound()
    stmt: Insert = (
        _insert(session)
        .values(
            committee_id=committee_id,
            kind=kind.value,
            item_id=item_id,
            read_at=utcnow(),
            read_by=user_id,
        )
        .on_conflict_do_nothing()
        .returning(col(InboxRead.item_id))
    )
    if session.connection().execute(stmt).first() is not None:
        emit(
            session,
            "inbox.read",
            committee_id=committee_id,
            payload={"kind": kind.value, "item_id": item_id},
        )


def mark_unread(
    session: Session, *, committee_id: uuid.UUID, kind: InboxKind, item_id: uuid.UUID
) -> None:
    """Mark an item unread; already unread is a no-op (no event)."""
    if not _in_inbox(session, committee_id=committee_id, kind=kind, item_id=item_id):
        raise InboxItemNotFound()
    stmt = delete(InboxRead).where(
        col(InboxRead.committee_id) == committee_id,
        col(InboxRead.kind) == kind.value,
        col(InboxRead.item_id) == item_id,
    )
    if session.connection().execute(stmt).rowcount:
        emit(
            session,
            "inbox.unread",
            committee_id=committee_id,
            payload={"kind": kind.value, "item_id": item_id},
        )


def mark_all_read(session: Session, *, committee_id: uuid.UUID, user_id: uuid.UUID) -> int:
    """Mark every item now unread as read, in one statement; the number marked."""
    items = _items(committee_id, list(InboxKind))
    unread = (
        select(
            literal(committee_id, Uuid),
            items.c.kind,
            items.c.item_id,
            literal(utcnow(), UTCDateTime),
            literal(user_id, Uuid),
        )
        .select_from(_with_reads(committee_id, items))
        .where(col(InboxRead.committee_id).is_(None))
    )
    stmt = (
        _insert(session)
        .from_select(["committee_id", "kind", "item_id", "read_at", "read_by"], unread)
        .on_conflict_do_nothing()
        .returning(col(InboxRead.item_id))
    )
    # RETURNING, not rowcount: drivers need not count the rows of an INSERT … SELECT.
    marked = len(session.connection().execute(stmt, _moment()).all())
    if marked:
        emit(session, "inbox.read", committee_id=committee_id, payload={"count": marked})
    return marked
