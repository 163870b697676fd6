"""Workers on real transactions, in a database of their own: two at once on PostgreSQL send
each event exactly once while writers commit; `ancrage worker`, a process, delivers and stops
on SIGTERM."""

import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col
from standardwebhooks import Webhook

from api.auth.permissions import ClientScope
from api.outbox.service import emit
from api.webhooks.models import WebhookDelivery
from api.webhooks.schemas import SubscriptionCreated
from api.webhooks.worker import Worker
from tests.database import ROOT, build_test_engine
from tests.factories import make_client, make_committee
from tests.webhooks.factories import LOCAL, receiving, subscribe


@pytest.fixture(scope="module")
def database(worker_id: str) -> Iterator[Engine]:
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"hooks_{worker_id}")
    yield engine
    engine.dispose()


def _subscriber(engine: Engine, url: str) -> tuple[uuid.UUID, SubscriptionCreated]:
    """A committee, a client bound to it and its subscription to `url`, committed."""
    with Session(engine, expire_on_commit=False) as session:
        committee = make_committee(session, department_codes=["07"])
        client_id, _ = make_client(session, ClientScope.members_read, committees=[committee])
        subscription = subscribe(session, client_id, url, "body.created")
        session.commit()
    return committee.id, subscription


def _delivered(engine: Engine, subscription_id: uuid.UUID) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count())
            .select_from(WebhookDelivery)
            .where(
                col(WebhookDelivery.subscription_id) == subscription_id,
                col(WebhookDelivery.state) == "delivered",
            )
        ).scalar_one()


def test_two_workers_at_once_send_each_event_exactly_once(database: Engine) -> None:
    if database.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: claims cannot overlap there")
    writers, transactions, per_transaction = 2, 10, 3
    expected = writers * transactions * per_transaction
    with receiving() as receiver:
        committee_id, subscription = _subscriber(database, receiver.url)
        done = threading.Event()

        sent: list[int] = []

        def work() -> None:
            worker = Worker(lambda: Session(database), policy=LOCAL, max_attempts=3, batch=2)
            mine = 0
            while not done.is_set():
                worker.fan_out()
                mine += worker.deliver_due()  # no stop: whatever it claimed, it sends
            sent.append(mine)

        def write(w: int) -> None:
            for t in range(transactions):
                with Session(database) as session:
                    for k in range(per_transaction):
                        n = (w * transactions + t) * per_transaction + k
                        emit(session, "body.created", committee_id=committee_id, payload={"n": n})
                    session.commit()

        workers = [threading.Thread(target=work) for _ in range(2)]
        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        for thread in workers + threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        receiver.wait_for(expected, timeout=60)
        while _delivered(database, subscription.id) < expected and workers[0].is_alive():
            receiver.wait_for(expected + 1, timeout=0.05)  # what is in flight is recorded
        done.set()
        for thread in workers:
            thread.join(timeout=60)
        received = list(receiver.received)

    ids = [r.headers["webhook-id"] for r in received]
    assert len(ids) == len(set(ids)) == expected, "an event sent twice, or lost"
    numbers = sorted(json.loads(r.body)["payload"]["n"] for r in received)
    assert numbers == list(range(expected))
    assert _delivered(database, subscription.id) == expected
    assert sum(sent) == expected, sent  # each claimed once, by one worker or the other


def test_ancrage_worker_delivers_then_stops_on_sigterm(database: Engine) -> None:
    with receiving() as receiver:
        committee_id, subscription = _subscriber(database, receiver.url)
        with Session(database) as session:
            emit(session, "body.created", committee_id=committee_id, payload={"by": "process"})
            session.commit()
        url = database.url.render_as_string(hide_password=False)
        env = os.environ | {
            "DATABASE_URL": url,
            "ENVIRONMENT": "development",
            "WEBHOOKS_ALLOW_LOCAL": "true",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--poll-seconds", "0.2"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            received = receiver.wait_for(1, timeout=120)
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)

    assert process.returncode == 0, output
    assert len(received) == 1, output
    assert Webhook(subscription.secret).verify(received[0].body, received[0].headers)[
        "payload"
    ] == {"by": "process"}
    assert "webhook worker stopped" in output
    assert _delivered(database, subscription.id) == 1
