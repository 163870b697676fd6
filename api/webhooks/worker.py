"""`ancrage worker`: fans the outbox out into deliveries and sends the due ones, until told to
stop. Any number may run at once (api.webhooks.deliveries says why none sends twice)."""

import logging
import random
import threading
from collections.abc import Callable
from datetime import datetime

import httpx
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from api.core.clock import utcnow
from api.webhooks import deliveries
from api.webhooks.sender import send
from api.webhooks.targets import Resolver, TargetPolicy, system_resolver

log = logging.getLogger("ancrage.webhooks")


class Worker:
    """One worker's loop. Its sessions, clock, randomness, resolver and HTTP transport are given
    (tests give theirs); each step is its own short transaction, and none is open while a
    request is in flight."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        policy: TargetPolicy,
        max_attempts: int,
        resolver: Resolver = system_resolver,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        batch: int = 20,
    ) -> None:
        self.sessions, self.policy, self.max_attempts = sessions, policy, max_attempts
        self.resolver, self.clock = resolver, clock
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not a secret)
        self.transport = transport  # None: httpx's own, a connection per attempt
        self.batch = batch

    def fan_out(self) -> int:
        """Every new event of the outbox into deliveries; how many events were read."""
        read = 0
        while True:
            with self.sessions() as session:
                try:
                    n = deliveries.fan_out(session, now=self.clock())
                    session.commit()
                except deliveries.PositionMoved:
                    session.rollback()
                    continue  # another worker took them: read on from where it stopped
            read += n
            if n == 0:
                return read

    def deliver_due(self, stop: threading.Event | None = None) -> int:
        """Claim a batch of due deliveries and send them one by one; on `stop`, give back
        those not sent yet. How many were claimed."""
        with self.sessions() as session:
            held = deliveries.claim(session, now=self.clock(), limit=self.batch)
            session.commit()
        for n, one in enumerate(held):
            if stop is not None and stop.is_set():
                with self.sessions() as session:
                    deliveries.release(session, held[n:])
                    session.commit()
                break
            outcome = send(
                one,
                policy=self.policy,
                resolver=self.resolver,
                now=self.clock(),
                transport=self.transport,
            )
            with self.sessions() as session:
                state = deliveries.record(
                    session,
                    held=one,
                    outcome=outcome,
                    now=self.clock(),
                    rng=self.rng,
                    max_attempts=self.max_attempts,
                )
                session.commit()
            log.info(
                "webhook delivery %s: %s (%s)",
                one.delivery_id,
                state or "replayed meanwhile",
                outcome.status_code or outcome.error,
            )
        return len(held)

    def run_once(self, stop: threading.Event | None = None) -> int:
        """One round: fan out, then deliver what is due. The work done (0: idle)."""
        return self.fan_out() + self.deliver_due(stop)

    def run(self, stop: threading.Event, *, poll_seconds: float = 1.0) -> None:
        """Rounds until `stop` is set, waiting `poll_seconds` after an idle one. A database
        that cannot be reached is waited for, not fatal: the state is there, nothing is lost."""
        log.info("webhook worker started")
        while not stop.is_set():
            try:
                busy = self.run_once(stop)
            except DBAPIError as error:
                log.warning("webhook worker: database unavailable: %r", error)
                busy = 0
            except Exception:
                # A bug, not the database: logged, and the next round tries again (what it
                # held lapses with its lease), rather than a worker gone for good.
                log.exception("webhook worker: round failed")
                busy = 0
            if not busy:
                stop.wait(poll_seconds)
        log.info("webhook worker stopped")
