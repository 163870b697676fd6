"""Emit a domain event into the outbox, inside the caller's transaction.

The row is added to the same session as the change: both commit together or neither does.
Payloads carry identifiers and states, never personal data (names, e-mails, categories):
the change feed and webhooks that read them are machine-facing.
"""

import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Text,
    and_,
    cast,
    false,
    or_,
    true,
    tuple_,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.core.clock import utcnow
from api.core.writes import insert_rows
from api.outbox.models import OutboxEvent

# Who the request acts as, for the events it writes: set once the caller is known.
_actor: ContextVar[tuple[uuid.UUID | None, uuid.UUID | None]] = ContextVar(
    "outbox_actor", default=(None, None)
)


def acting(*, user_id: uuid.UUID | None = None, client_id: uuid.UUID | None = None) -> None:
    """The events written from now on in this context (a request) are attributed to this user
    or machine client."""
    _actor.set((user_id, client_id))


def emit(
    session: Session,
    type: str,
    *,
    committee_id: uuid.UUID | None,
    payload: Mapping[str, Any],
    person_id: uuid.UUID | None = None,
) -> OutboxEvent:
    """Record that `type` happened (`<domain>.<thing>.<verb>`, e.g. `contribution.submitted`).

    `person_id`: the person an event about a person (not a committee's) concerns, whose terms
    say who may read it in the change feed."""
    by_user_id, by_client_id = _actor.get()
    event = OutboxEvent(
        type=type,
        committee_id=committee_id,
        person_id=person_id,
        by_user_id=by_user_id,
        by_client_id=by_client_id,
        payload=to_jsonable_python(dict(payload)),
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class Event:
    """An event to record among many (`emit_many`): what `emit` takes."""

    type: str
    committee_id: uuid.UUID | None
    payload: Mapping[str, Any]
    person_id: uuid.UUID | None = None


# Inside `batch`: the rows of the events emitted so far, written when it ends.
_pending: ContextVar[list[dict[str, Any]] | None] = ContextVar("outbox_pending", default=None)


@contextmanager
def batch(session: Session) -> Iterator[None]:
    """The events `emit_many` records inside the block are written at its end, in the
    order they were emitted, in one statement (a bulk import's people and terms alike)."""
    token = _pending.set([])
    try:
        yield
        rows = _pending.get() or []
    finally:
        _pending.reset(token)
    insert_rows(session, OutboxEvent.__table__, rows)  # type: ignore[attr-defined]


def emit_many(session: Session, events: Sequence[Event]) -> None:
    """Record many events in one statement, as `emit` would one by one (a bulk import's):
    written now, in the caller's transaction, or at the end of the `batch` they are in."""
    if not events:
        return
    by_user_id, by_client_id = _actor.get()
    now = utcnow()
    rows = [
        {
            "type": e.type,
            "committee_id": e.committee_id,
            "person_id": e.person_id,
            "by_user_id": by_user_id,
            "by_client_id": by_client_id,
            "occurred_at": now,
            # As it is: `insert_rows` writes ids and dates as `emit`'s JSON does.
            "payload": e.payload,
        }
        for e in events
    ]
    pending = _pending.get()
    if pending is not None:
        pending.extend(rows)
        return
    # Core, not the ORM's units of work: ten thousand events in one statement.
    insert_rows(session, OutboxEvent.__table__, rows)  # type: ignore[attr-defined]


def events_since(session: Session, *, after: int = 0, limit: int = 100) -> list[OutboxEvent]:
    """Events in the order they were written (the change feed will page with this)."""
    stmt = (
        select(OutboxEvent).where(col(OutboxEvent.id) > after).order_by(col(OutboxEvent.id))
    ).limit(limit)
    return list(session.exec(stmt).all())


# --- the change feed ---------------------------------------------------------------------


E = OutboxEvent
# An event's position in the feed, and what the feed reads of it (ChangePublic's fields and
# the position). The payload as the JSON text it is stored as: parsing it only to write it
# again cost four fifths of a drain's time.
POSITION: list[Any] = [col(E.xact_id), col(E.id)]
START = (0, 0)
_SERVED: list[Any] = [
    col(E.id),
    col(E.type),
    col(E.occurred_at),
    col(E.committee_id),
    cast(col(E.payload), Text).label("payload"),
    col(E.by_client_id),
    col(E.xact_id),
]


class horizon(FunctionElement[int]):
    """The first `xact_id` the feed may not serve yet (see `read_feed`)."""

    type = BigInteger()
    inherit_cache = True


@compiles(horizon)
def _horizon(element: horizon, compiler: SQLCompiler, **kw: Any) -> str:
    return "9223372036854775807"  # SQLite: every event it lets us see has committed


@compiles(horizon, "postgresql")
def _horizon_postgresql(element: horizon, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        "GREATEST(CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT),"
        " CAST(CAST(pg_current_xact_id_if_assigned() AS TEXT) AS BIGINT) + 1)"
    )


@dataclass(frozen=True)
class Readable:
    """The events a reader may read: every one, or those of some types on some committees
    (`on_committees`: pairs of types and committees) and of some types about some people
    (`about_people`: types and a subquery of person ids)."""

    everything: bool = False
    on_committees: Sequence[tuple[Collection[str], Collection[uuid.UUID]]] = ()
    about_people: tuple[Collection[str], SelectOfScalar[uuid.UUID]] | None = None

    def condition(self) -> ColumnElement[bool]:
        if self.everything:
            return true()
        clauses = [
            and_(col(E.type).in_(types), col(E.committee_id).in_(committees))
            for types, committees in self.on_committees
        ]
        if self.about_people is not None:
            types, people = self.about_people
            clauses.append(and_(col(E.type).in_(types), col(E.person_id).in_(people)))
        return or_(*clauses) if clauses else false()


def read_feed(
    session: Session,
    *,
    after: Sequence[int],
    limit: int,
    readable: Readable,
    types: Collection[str] | None = None,
) -> Sequence[Any]:
    """The next `limit` events after position `after` that `readable` lets through, in feed
    order, each with its position (`xact_id`, `id`).

    **Why not simply `id` order.** An event's id is taken from a sequence when it is inserted, but
    it becomes visible when its transaction commits, and transactions commit in any order: a
    reader that saw 11 and moved its cursor past it would never see 10, committed a moment later.
    SQLite serialises writers (one write transaction at a time, `BEGIN IMMEDIATE`), so there ids
    are given in commit order and `id` order is enough. PostgreSQL does not.

    **PostgreSQL: (`xact_id`, `id`) order, up to the horizon.** Each event records the id of the
    transaction that wrote it (`pg_current_xact_id()`, a 64-bit xid that never wraps). The feed
    reads in (`xact_id`, `id`) order and only events whose `xact_id` is below the horizon, the
    oldest transaction still in progress when the read's snapshot is taken
    (`pg_snapshot_xmin(pg_current_snapshot())`). Every transaction below it has ended, so all its
    events are visible at once; every transaction that has not ended, or has yet to begin, has an
    id at or above it, so its events sort after everything served. Nothing behind a cursor can
    appear later: no gaps, and since the cursor only moves forward, no duplicates. The price is
    head-of-line waiting: an event is served once every transaction that began writing before
    its own has ended (a long transaction anywhere in the cluster holds the feed back), and the
    order is that of the transactions' first writes, each transaction's events together.

    A reader that wrote in its own transaction (the tests, which read inside theirs) also reads
    its own events: the horizon is then at least past its own id.
    """
    stmt = (
        select(*_SERVED)
        .where(tuple_(*POSITION) > tuple_(*after), col(E.xact_id) < horizon())
        .where(readable.condition())
        .order_by(*POSITION)
        .limit(limit)
    )
    if types:
        stmt = stmt.where(col(E.type).in_(types))
    # Core rows: the ORM's loading would cost more than the statement.
    return session.connection().execute(stmt).all()
