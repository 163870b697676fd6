"""Webhook tests' helpers: subscriptions through the service, a receiver on 127.0.0.1, a
clock and resolvers the tests set, a worker on the test's own transaction."""

import random
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from sqlalchemy import Connection
from sqlmodel import Session, col, select

from api.webhooks import service
from api.webhooks.models import WebhookDelivery
from api.webhooks.schemas import SubscriptionCreate, SubscriptionCreated
from api.webhooks.targets import Resolver, TargetPolicy
from api.webhooks.worker import Worker

# A public address (no DNS needed): what the API accepts without a development setting.
PUBLIC_URL = "https://93.184.215.14/hooks"
# Development: http:// and loopback allowed, as WEBHOOKS_ALLOW_LOCAL does.
LOCAL = TargetPolicy(allow_local=True)
STRICT = TargetPolicy()


def resolving_to(*addresses: str) -> Resolver:
    """A DNS that answers every name with `addresses` (and refuses none)."""

    def resolve(_host: str, _port: int) -> Sequence[str]:
        return list(addresses)

    return resolve


def no_dns(host: str, _port: int) -> Sequence[str]:
    raise AssertionError(f"resolved {host}: no name should need DNS here")


def subscribe(
    session: Session,
    client_id: uuid.UUID,
    url: str,
    *types: str,
    policy: TargetPolicy = LOCAL,
    resolver: Resolver = no_dns,
) -> SubscriptionCreated:
    data = SubscriptionCreate.model_validate({"url": url, "event_types": list(types)})
    return service.create(session, client_id=client_id, data=data, policy=policy, resolver=resolver)


def delivery_ids(session: Session, subscription_id: str | uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.exec(
            select(WebhookDelivery.id).where(
                WebhookDelivery.subscription_id == uuid.UUID(str(subscription_id))
            )
        )
    )


def deliveries_of(session: Session, subscription_id: uuid.UUID) -> list[WebhookDelivery]:
    session.expire_all()
    return list(
        session.exec(
            select(WebhookDelivery)
            .where(WebhookDelivery.subscription_id == subscription_id)
            .order_by(col(WebhookDelivery.event_id))
        )
    )


@dataclass
class Clock:
    """The worker's clock: it moves only when the test moves it."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def worker_on(
    connection: Connection,
    *,
    clock: Callable[[], datetime] | None = None,
    policy: TargetPolicy = LOCAL,
    resolver: Resolver = no_dns,
    max_attempts: int = 3,
    seed: int = 0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Worker:
    """A worker whose transactions are savepoints of the test's (rolled back at its end)."""

    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    return Worker(
        sessions,
        policy=policy,
        max_attempts=max_attempts,
        resolver=resolver,
        clock=clock or Clock(),
        rng=random.Random(seed),
        transport=transport,
    )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers the statuses given in
    turn (then 204)."""

    def __init__(self, statuses: Sequence[int] = ()) -> None:
        self.statuses = list(statuses)
        self.received: list[Received] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.arrived:
                    receiver.received.append(Received(self.path, dict(self.headers), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 204
                    receiver.arrived.notify_all()
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks"

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.received) >= count, timeout)
            return list(self.received)


@contextmanager
def receiving(statuses: Sequence[int] = ()) -> Iterator[Receiver]:
    receiver = Receiver(statuses)
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
        thread.join(timeout=10)
