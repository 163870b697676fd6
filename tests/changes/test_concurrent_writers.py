"""The feed under concurrent writers, on real transactions (not the per-test savepoint): an
event whose id was taken by a transaction still open is never skipped, nor served twice.

Each test writes events of a committee id of its own (no foreign key: the outbox outlives
what it records) and reads only those; it deletes them at the end."""

import random
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, delete, text
from sqlmodel import Session, col

from api.auth.permissions import Subject
from api.changes.service import read_changes
from api.outbox.models import OutboxEvent
from api.outbox.service import emit

NETWORK_ADMIN = Subject(user_id=uuid.uuid4(), email="feed@example.org", is_network_admin=True)


@pytest.fixture
def tag(engine: Engine) -> Iterator[uuid.UUID]:
    tag = uuid.uuid4()
    yield tag
    with Session(engine) as session:
        session.execute(delete(OutboxEvent).where(col(OutboxEvent.committee_id) == tag))
        session.commit()


class Feed:
    """A consumer: drains from its cursor, a new read connection each time, as the app does."""

    def __init__(self, engine: Engine, tag: uuid.UUID) -> None:
        self.engine, self.tag = engine, tag
        self.cursor: str | None = None
        self.seen: list[Any] = []
        self.numbers: dict[int, int] = {}  # event id -> the number its writer gave it

    def poll(self) -> list[Any]:
        got = []
        while True:
            with Session(self.engine) as session:
                items, self.cursor = read_changes(
                    session, subject=NETWORK_ADMIN, types=None, limit=100, cursor=self.cursor
                )
            got += [i["id"] for i in items if i["committee_id"] == self.tag]
            if not items:
                self.seen += [self.numbers[i] for i in got]
                return [self.numbers[i] for i in got]

    def poll_until(self, expected: int, seconds: float = 30) -> list[Any]:
        """Other transactions of the cluster (other tests) may hold the horizon back a while."""
        got: list[Any] = []
        deadline = time.monotonic() + seconds
        while len(got) < expected and time.monotonic() < deadline:
            got += self.poll()
            time.sleep(0.05)
        return got


def _postgres_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: its ids are in commit order already")


def _write(session: Session, feed: Feed, n: int) -> int:
    event = emit(session, "body.created", committee_id=feed.tag, payload={"n": n})
    session.flush()
    assert event.id is not None
    feed.numbers[event.id] = n
    return event.id


def test_an_open_transaction_holds_the_feed_until_it_commits(
    engine: Engine, tag: uuid.UUID
) -> None:
    _postgres_only(engine)
    feed = Feed(engine, tag)
    feed.poll()
    with Session(engine) as first, Session(engine) as later:
        first_id = _write(first, feed, 1)  # takes its id, stays open
        later_id = _write(later, feed, 2)
        later.commit()
        assert later_id > first_id
        # The later one committed, but the first may still commit an earlier id: not served.
        assert feed.poll() == []
        assert feed.poll() == []
        first.commit()
    assert feed.poll_until(2) == [1, 2]
    assert feed.poll() == []
    assert feed.seen == [1, 2]


def test_a_transaction_that_began_first_and_took_a_later_id_is_not_skipped(
    engine: Engine, tag: uuid.UUID
) -> None:
    """The case `id` order with a horizon would get wrong: B writes first (its transaction id
    is the lower), A takes event id 10, B takes 11 and commits; B is served, then A once it
    commits, although its id is below the cursor's."""
    _postgres_only(engine)
    feed = Feed(engine, tag)
    feed.poll()
    with Session(engine) as b, Session(engine) as a:
        b.execute(text("SELECT pg_current_xact_id()"))  # B begins writing first
        a_id = _write(a, feed, 1)
        b_id = _write(b, feed, 2)
        assert a_id < b_id
        b.commit()
        assert feed.poll_until(1) == [2]
        a.commit()
    assert feed.poll_until(1) == [1]
    assert feed.poll() == []
    assert feed.seen == [2, 1]


def test_many_writers_and_a_reader_at_once_lose_and_repeat_nothing(
    engine: Engine, tag: uuid.UUID
) -> None:
    _postgres_only(engine)
    feed = Feed(engine, tag)
    feed.poll()
    writers, transactions, per_transaction = 4, 15, 3
    committed: list[int] = []
    lock = threading.Lock()
    done = threading.Event()

    def write(w: int) -> None:
        rng = random.Random(w)
        for t in range(transactions):
            with Session(engine) as session:
                numbers = [(w * 1000 + t) * 10 + k for k in range(per_transaction)]
                for n in numbers:
                    _write(session, feed, n)
                    time.sleep(rng.random() / 100)  # interleave with the other writers
                if rng.random() < 0.2:
                    session.rollback()  # its ids are gaps for good
                    continue
                session.commit()
                with lock:
                    committed.extend(numbers)

    def read() -> None:
        while not done.is_set():
            feed.poll()
            time.sleep(0.005)

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    reader.join(timeout=30)
    feed.poll_until(len(committed) - len(feed.seen))

    assert len(feed.seen) == len(set(feed.seen)), "served twice"
    assert sorted(feed.seen) == sorted(committed), "lost or invented"
    # Each transaction's events come together, in the order it wrote them.
    for w in range(writers):
        for t in range(transactions):
            numbers = [(w * 1000 + t) * 10 + k for k in range(per_transaction)]
            if numbers[0] in feed.seen:
                start = feed.seen.index(numbers[0])
                assert feed.seen[start : start + per_transaction] == numbers
