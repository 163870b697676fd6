"""The outbox commits with the change it records, or not at all.

These tests use real transactions on their own session (not the per-test savepoint), so
what they see is what another connection — the change feed — would see; they clean up."""

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import Session, col

from api.committees import service as committees
from api.committees.models import Committee
from api.core import etags
from api.core.problems import Conflict
from api.db import transaction
from api.outbox.models import OutboxEvent
from api.outbox.service import emit, events_since
from tests.factories import make_committee
from tests.outbox import events_after, last_event_id


@pytest.fixture
def committed(engine: Engine) -> Iterator[tuple[Session, Committee, int]]:
    with Session(engine, expire_on_commit=False) as session:
        committee = make_committee(session, description="before")
        session.commit()
        before = last_event_id(session)
        yield session, committee, before
        session.rollback()
        session.execute(delete(OutboxEvent).where(col(OutboxEvent.id) > before))
        # Through the service: the committee's creation step goes with it, as in production.
        committees.delete_committee(session, committee=committee, if_match=etags.ANY)
        session.commit()


def _change(session: Session, committee: Committee) -> None:
    committee.description = "after"
    session.add(committee)
    emit(
        session,
        "test.committee.described",
        committee_id=committee.id,
        payload={"committee_id": committee.id, "on": date(2023, 2, 5)},
    )
    session.flush()


def test_a_refused_change_writes_no_event(
    engine: Engine, committed: tuple[Session, Committee, int]
) -> None:
    session, committee, before = committed

    def refused() -> None:
        with transaction(session):
            _change(session, committee)
            raise Conflict("refused after writing")

    committee_id = committee.id  # read now: after the rollback it would reload in a write
    with pytest.raises(Conflict):
        refused()
    with Session(engine) as reader:
        assert events_after(reader, before) == []
        stored = reader.get(Committee, committee_id)
        assert stored is not None
        assert stored.description == "before"


def test_a_change_and_its_event_commit_together(
    engine: Engine, committed: tuple[Session, Committee, int]
) -> None:
    session, committee, before = committed
    with transaction(session):
        _change(session, committee)
    with Session(engine) as reader:
        [event] = events_after(reader, before)
        stored = reader.get(Committee, committee.id)
        assert stored is not None
        assert stored.description == "after"
    assert event.type == "test.committee.described"
    assert event.committee_id == committee.id
    # JSON-ready: identifiers and dates as strings, as a feed would serve them.
    assert event.payload == {"committee_id": str(committee.id), "on": "2023-02-05"}
    assert event.occurred_at.tzinfo is not None


def test_events_are_read_back_in_the_order_they_were_written(session: Session) -> None:
    before = last_event_id(session)
    ids = [uuid.uuid4() for _ in range(3)]
    for n, item in enumerate(ids):
        emit(session, f"test.step.{n}", committee_id=None, payload={"id": item})
        session.flush()
    events = events_since(session, after=before)
    assert [e.type for e in events] == ["test.step.0", "test.step.1", "test.step.2"]
    assert [e.id for e in events] == sorted(e.id for e in events if e.id is not None)
    assert events_since(session, after=events[0].id or 0, limit=1)[0].type == "test.step.1"
