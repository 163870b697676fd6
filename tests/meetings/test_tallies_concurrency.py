"""Two writers of one meeting's attendance at once on PostgreSQL (READ COMMITTED), in
transactions they really commit, on a database of their own: the second waits for the lock the
first holds on the meeting, then counts with the first's rows committed, so the tallies count
both. SQLite has one writer at a time: skipped there."""

import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, make_url, text
from sqlmodel import Session

from api.meetings import service_attendance
from api.meetings.models import Meeting
from api.meetings.schemas import AttendanceEntry, AttendanceStatus
from tests.database import build_test_engine
from tests.factories import make_committee
from tests.meetings.factories import make_meeting
from tests.meetings.tallies_helpers import assert_kept, of
from tests.memberships.factories import make_member


@pytest.fixture(scope="module")
def writers(worker_id: str) -> Iterator[Engine]:
    url = os.environ["TEST_DATABASE_URL"]
    if make_url(url).get_backend_name() != "postgresql":
        pytest.skip("SQLite has one writer at a time: writers cannot interleave")
    engine = build_test_engine(url, f"{worker_id}_tallies")
    yield engine
    engine.dispose()


@dataclass
class World:
    meeting_id: uuid.UUID
    people: list[uuid.UUID]


@pytest.fixture
def world(writers: Engine) -> World:
    """A meeting and twenty members of its committee, committed."""
    with Session(writers) as session:
        committee = make_committee(session)
        people = [make_member(session, committee=committee).id for _ in range(20)]
        meeting = make_meeting(session, committee=committee)
        session.commit()
        return World(meeting.id, people)


def _record(session: Session, world: World, people: list[uuid.UUID], status: str) -> None:
    meeting = session.get(Meeting, world.meeting_id)
    assert meeting is not None
    entries = [AttendanceEntry(person_id=p, status=AttendanceStatus(status)) for p in people]
    service_attendance.record_attendance(session, meeting=meeting, entries=entries)


def _in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _waiting_for_a_lock(engine: Engine, seconds: float = 10) -> bool:
    """Whether another connection to this database comes to wait for a lock."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # A transaction each time: pg_stat_activity is read once per transaction.
        with engine.connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
        if waiting:
            return True
        time.sleep(0.02)
    return False


def test_a_second_writer_waits_for_the_first_then_counts_both(
    writers: Engine, world: World
) -> None:
    errors: list[BaseException] = []
    with Session(writers) as first:
        _record(first, world, world.people[:3], "present")  # flushed: holds the meeting

        def second_writer() -> None:
            with Session(writers) as second:
                _record(second, world, world.people[3:5], "present")
                second.commit()

        second = _in_thread(second_writer, errors)
        assert _waiting_for_a_lock(writers), "the second writer did not wait for the first"
        first.commit()
    second.join(timeout=30)

    assert errors == []
    with Session(writers) as session:
        meeting = session.get(Meeting, world.meeting_id)
        assert meeting is not None
        assert of(meeting, assert_kept(session)) == {("present", "social_worker"): 5}


def test_two_writers_recording_and_removing_at_once_leave_exact_tallies(
    writers: Engine, world: World
) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    statuses = [s.value for s in AttendanceStatus]

    def writer(n: int) -> None:
        rng = random.Random(n)
        mine = world.people[n::2]  # each its own people: the key would refuse a shared one
        recorded: set[uuid.UUID] = set()
        start.wait()
        for _ in range(25):
            with Session(writers) as session:
                chosen = rng.sample(mine, rng.randint(1, len(mine)))
                _record(session, world, chosen, rng.choice(statuses))
                recorded |= set(chosen)
                if rng.random() < 0.3:
                    gone = rng.choice(sorted(recorded))
                    meeting = session.get(Meeting, world.meeting_id)
                    assert meeting is not None
                    service_attendance.remove_attendance(session, meeting=meeting, person_id=gone)
                    recorded.discard(gone)
                time.sleep(rng.random() / 200)  # holds its lock a little: the other waits
                session.commit()

    threads = [_in_thread(lambda n=n: writer(n), errors) for n in range(2)]
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with Session(writers) as session:
        meeting = session.get(Meeting, world.meeting_id)
        assert meeting is not None
        assert sum(of(meeting, assert_kept(session)).values()) > 0
