"""What the worker sends, to whom, and how: the change as GET /changes renders it, signed so
that the standardwebhooks package verifies it; only what the client may read; retries with
back-off and jitter; the target checked again at delivery (DNS rebinding)."""

import asyncio
import json
import random
import threading
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from api.auth.permissions import ClientScope
from api.clients import service as clients
from api.committees.models import Committee
from api.outbox.service import emit
from api.webhooks import deliveries, sender, service
from api.webhooks.deliveries import retry_delay
from api.webhooks.models import WebhookSubscription
from tests.factories import client_auth, make_client, make_committee
from tests.webhooks.factories import (
    STRICT,
    Clock,
    deliveries_of,
    receiving,
    resolving_to,
    subscribe,
    worker_on,
)

READ = ClientScope.members_read


def _bound(session: Session) -> tuple[Committee, object]:
    committee = make_committee(session, is_public=False, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[committee])
    return committee, client_id


def test_a_delivery_is_the_change_as_the_feed_renders_it_signed_with_the_secret(
    client: TestClient, session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    with receiving() as receiver:
        subscription = subscribe(session, client_id, receiver.url, "body.created")
        emit(session, "body.created", committee_id=committee.id, payload={"body_id": "b1"})
        session.flush()

        assert worker_on(connection).run_once() == 2  # one event read, one delivery sent

        (got,) = receiver.wait_for(1)
    (delivery,) = deliveries_of(session, subscription.id)
    verified = Webhook(subscription.secret).verify(got.body, got.headers)
    feed = client.get("/api/v1/changes", headers=client_auth(client_id)).json()["items"]
    assert verified == feed[0]
    assert got.body == delivery.body.encode()
    assert got.headers["webhook-id"] == str(delivery.id)
    assert got.headers["Content-Type"] == "application/json"
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 204)
    tampered = got.body.replace(b"b1", b"b2")
    with pytest.raises(WebhookVerificationError):
        Webhook(subscription.secret).verify(tampered, got.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(subscribe(session, client_id, receiver.url, "body.created").secret).verify(
            got.body, got.headers
        )


def test_a_subscription_gets_what_its_client_reads_in_the_feed_and_nothing_else(
    client: TestClient, session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    foreign = make_committee(session, is_public=False, department_codes=["33"])
    wanted = (
        "body.created",
        "membership.created",
        "meeting.attendance.recorded",  # a committee admin's, not a client's
        "hcts.axis.created",  # the network's
    )
    with receiving() as receiver:
        subscription = subscribe(session, client_id, receiver.url, *wanted)
        for type in (*wanted, "meeting.created"):  # the last one not subscribed to
            emit(session, type, committee_id=committee.id, payload={})
        emit(session, "body.created", committee_id=foreign.id, payload={})
        session.flush()

        worker_on(connection).run_once()

        received = [json.loads(r.body) for r in receiver.wait_for(2)]
    feed = client.get(
        "/api/v1/changes", params={"types": list(wanted)}, headers=client_auth(client_id)
    ).json()["items"]
    assert received == feed
    assert [r["type"] for r in received] == ["body.created", "membership.created"]
    assert {r["committee_id"] for r in received} == {str(committee.id)}
    assert len(deliveries_of(session, subscription.id)) == 2


def test_nothing_is_sent_of_earlier_events_nor_to_a_revoked_client_or_a_paused_subscription(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    _, revoked_id = _bound(session)
    emit(session, "body.created", committee_id=committee.id, payload={"before": True})
    session.flush()
    with receiving() as receiver:
        live = subscribe(session, client_id, receiver.url, "body.created")
        paused = subscribe(session, client_id, receiver.url, "body.created")
        gone = subscribe(session, revoked_id, receiver.url, "body.created")
        row = session.get(WebhookSubscription, paused.id)
        assert row is not None
        row.is_active = False
        clients.revoke(session, client=clients.get_client(session, client_id=revoked_id))
        emit(session, "body.created", committee_id=committee.id, payload={"after": True})
        session.flush()

        worker_on(connection).run_once()

        (got,) = receiver.wait_for(1)
    assert json.loads(got.body)["payload"] == {"after": True}
    assert len(deliveries_of(session, live.id)) == 1
    assert deliveries_of(session, paused.id) == deliveries_of(session, gone.id) == []


def test_retry_delays_double_with_jitter_up_to_a_cap() -> None:
    low, high = random.Random(), random.Random()
    low.random = lambda: 0.0  # type: ignore[method-assign]
    high.random = lambda: 0.999999  # type: ignore[method-assign]

    steps = [retry_delay(n, low).total_seconds() for n in range(1, 12)]

    assert steps[:5] == [30, 60, 120, 240, 480]
    assert max(steps) == 3 * 3600  # half of the six hours' cap
    assert retry_delay(1, high).total_seconds() == pytest.approx(60, abs=0.01)
    assert retry_delay(20, high).total_seconds() == pytest.approx(6 * 3600, abs=1)


def test_a_failing_receiver_is_retried_after_back_off_then_the_delivery_fails(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    clock = Clock()
    with receiving(statuses=[500, 503, 500, 200]) as receiver:
        subscription = subscribe(session, client_id, receiver.url, "body.created")
        emit(session, "body.created", committee_id=committee.id, payload={})
        session.flush()
        worker = worker_on(connection, clock=clock, max_attempts=3, seed=7)
        twin = random.Random(7)  # the worker's jitter, drawn again

        worker.run_once()
        (delivery,) = deliveries_of(session, subscription.id)
        first_wait = retry_delay(1, twin)
        assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
        assert delivery.next_attempt_at == clock.now + first_wait
        assert timedelta(seconds=30) <= first_wait < timedelta(seconds=60)

        clock.advance(first_wait - timedelta(seconds=1))
        assert worker.deliver_due() == 0  # not due yet
        clock.advance(timedelta(seconds=1))
        assert worker.deliver_due() == 1
        (delivery,) = deliveries_of(session, subscription.id)
        second_wait = retry_delay(2, twin)
        assert delivery.next_attempt_at == clock.now + second_wait
        assert timedelta(seconds=60) <= second_wait < timedelta(seconds=120)

        clock.advance(second_wait)
        worker.deliver_due()
        clock.advance(timedelta(days=1))
        assert worker.deliver_due() == 0  # failed: no fourth attempt

        received = receiver.wait_for(3)
    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("failed", 3, "HTTP 500")
    assert len(received) == 3
    assert len({r.headers["webhook-id"] for r in received}) == 1


def test_a_410_fails_the_delivery_and_pauses_the_subscription(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    with receiving(statuses=[410]) as receiver:
        subscription = subscribe(session, client_id, receiver.url, "body.created")
        emit(session, "body.created", committee_id=committee.id, payload={})
        session.flush()

        worker_on(connection).run_once()

        receiver.wait_for(1)
    (delivery,) = deliveries_of(session, subscription.id)
    assert delivery.state == "failed"
    session.expire_all()
    row = session.get(WebhookSubscription, subscription.id)
    assert row is not None
    assert row.is_active is False


def _refuse_connections(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"connected to {request.url}")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1"])
def test_a_name_rebound_to_a_non_global_address_is_refused_at_delivery(
    session: Session, connection: Connection, address: str
) -> None:
    committee, client_id = _bound(session)
    subscription = subscribe(
        session,
        client_id,
        "https://hooks.example.org/ancrage",
        "body.created",
        policy=STRICT,
        resolver=resolving_to("93.184.215.14"),  # public when subscribed
    )
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    worker = worker_on(
        connection,
        policy=STRICT,
        resolver=resolving_to(address),  # then rebound
        transport=httpx.MockTransport(_refuse_connections),
    )

    worker.run_once()

    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert delivery.last_error is not None
    assert delivery.last_error.startswith("refused: hooks.example.org: ")


def test_the_worker_connects_to_the_address_it_checked_under_the_name_subscribed(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    looked_up: list[str] = []

    def dns(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]

    with receiving() as receiver:
        url = f"http://hooks.invalid:{receiver.port}/ancrage?from=ancrage"
        subscription = subscribe(session, client_id, url, "body.created", resolver=dns)
        emit(session, "body.created", committee_id=committee.id, payload={})
        session.flush()

        worker_on(connection, resolver=dns).run_once()

        (got,) = receiver.wait_for(1)
    assert got.headers["Host"] == f"hooks.invalid:{receiver.port}"
    assert got.path == "/ancrage?from=ancrage"
    assert looked_up == ["hooks.invalid", "hooks.invalid"]  # subscribing, then delivering
    assert deliveries_of(session, subscription.id)[0].state == "delivered"


def test_a_restart_sends_what_was_pending_and_what_a_dead_worker_held_once(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    clock = Clock()
    with receiving() as receiver:
        subscription = subscribe(session, client_id, receiver.url, "body.created")
        for n in range(3):
            emit(session, "body.created", committee_id=committee.id, payload={"n": n})
        session.flush()
        dead = worker_on(connection, clock=clock)
        dead.fan_out()
        with dead.sessions() as held_by_the_dead:  # it claims one, then dies before sending
            (held,) = deliveries.claim(held_by_the_dead, now=clock.now, limit=1)
            held_by_the_dead.commit()

        restarted = worker_on(connection, clock=clock)
        assert restarted.run_once() == 2  # the two it could take; the held one waits
        clock.advance(deliveries.LEASE + timedelta(seconds=1))
        assert restarted.run_once() == 1  # the lease lapsed
        assert restarted.run_once() == 0

        received = receiver.wait_for(3)
    assert sorted(json.loads(r.body)["payload"]["n"] for r in received) == [0, 1, 2]
    assert {d.state for d in deliveries_of(session, subscription.id)} == {"delivered"}
    assert held.delivery_id in {d.id for d in deliveries_of(session, subscription.id)}


def test_a_stopping_worker_gives_back_what_it_has_not_sent(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    subscription = subscribe(session, client_id, "http://127.0.0.1:9/never", "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    stop = threading.Event()
    stop.set()
    worker = worker_on(connection)
    worker.fan_out()

    assert worker.deliver_due(stop) == 1  # claimed, then given back unsent

    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.attempts, delivery.claim_token, delivery.claimed_until) == (0, None, None)
    assert worker.deliver_due(stop) == 1  # due at once again


def test_a_replay_voids_the_claim_of_a_worker_in_flight(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    subscription = subscribe(session, client_id, "http://127.0.0.1:9/never", "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    clock = Clock()
    worker_on(connection, clock=clock).fan_out()
    (held,) = deliveries.claim(session, now=clock.now)
    row = session.get(WebhookSubscription, subscription.id)
    assert row is not None
    service.replay(session, subscription=row, delivery_id=held.delivery_id)

    state = deliveries.record(
        session,
        held=held,
        outcome=deliveries.Outcome(status_code=500, error="HTTP 500"),
        now=clock.now,
        rng=random.Random(),
        max_attempts=3,
    )

    assert state is None
    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("pending", 0, None)


def test_a_client_revoked_after_the_fan_out_is_sent_nothing_more(
    session: Session, connection: Connection
) -> None:
    committee, client_id = _bound(session)
    subscription = subscribe(session, client_id, "http://127.0.0.1:9/never", "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    worker = worker_on(connection, transport=httpx.MockTransport(_refuse_connections))
    assert worker.fan_out() == 1
    clients.revoke(session, client=clients.get_client(session, client_id=client_id))
    session.flush()

    assert worker.deliver_due() == 0

    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.state, delivery.attempts) == ("pending", 0)


def test_a_receiver_that_never_finishes_answering_is_a_failed_attempt(
    session: Session, connection: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def hold_forever(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()  # headers that never come (a trickle, a hung server)
        raise AssertionError("unreachable")

    monkeypatch.setattr(sender, "DEADLINE_SECONDS", 0.05)
    committee, client_id = _bound(session)
    subscription = subscribe(session, client_id, "http://127.0.0.1:9/slow", "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()

    worker_on(connection, transport=httpx.MockTransport(hold_forever)).run_once()

    (delivery,) = deliveries_of(session, subscription.id)
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "no complete answer in 0 s"
