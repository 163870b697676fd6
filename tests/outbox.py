"""What a request wrote to the outbox: every state change of the liaison domains emits
exactly one event, and a refused change emits none."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.outbox.models import OutboxEvent


def last_event_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(OutboxEvent.id), 0))).one()


def events_after(session: Session, event_id: int) -> list[OutboxEvent]:
    stmt = select(OutboxEvent).where(col(OutboxEvent.id) > event_id).order_by(col(OutboxEvent.id))
    return list(session.exec(stmt).all())


class Written:
    """Filled in when the block ends: the events the block wrote."""

    events: list[OutboxEvent]


@contextmanager
def one_event(session: Session, type: str) -> Iterator[Written]:
    """The block writes exactly one event, of `type`."""
    before = last_event_id(session)
    written = Written()
    yield written
    written.events = events_after(session, before)
    assert [e.type for e in written.events] == [type]


@contextmanager
def no_event(session: Session) -> Iterator[None]:
    before = last_event_id(session)
    yield
    assert [e.type for e in events_after(session, before)] == []
