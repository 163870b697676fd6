"""The worker's side of webhooks, one step per transaction: fan new outbox events out into
deliveries, claim due deliveries, record an attempt's outcome. Each step takes a Session and
never commits (the worker does, api.webhooks.worker); the time and the randomness are given.

**No delivery twice, none lost.** Every state is in the database. Fanning out moves the
worker's one position in the outbox forward with a compare-and-set, and (subscription, event)
is unique: of two workers fanning out the same events, one writes them, the other's update
finds the position moved and rolls back. Claiming takes due deliveries with `FOR UPDATE SKIP
LOCKED` on PostgreSQL, so concurrent workers take disjoint ones without waiting on each other;
SQLite serialises writers (`BEGIN IMMEDIATE`, api.db), which makes the same plain claim safe
there. A claim is a token and a lease: the outcome is recorded only under the token (a replay
meanwhile voids it), and a claim whose worker died lapses with its lease, so a restart takes
it again. A worker killed between sending and recording sends that delivery once more after
the lease: receivers dedupe on `webhook-id`, as Standard Webhooks asks them to."""

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import insert, or_, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.clients import active_client_ids, load_client_subject
from api.changes.service import as_change, readable_by
from api.core.writes import save
from api.outbox.service import Readable, read_feed
from api.webhooks.models import WebhookDelivery, WebhookFeedPosition, WebhookSubscription

D, S, P = WebhookDelivery, WebhookSubscription, WebhookFeedPosition

RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=6)
LEASE = timedelta(minutes=2)  # far above a delivery's HTTP timeout (api.webhooks.sender)


class PositionMoved(Exception):
    """Another worker fanned these events out first: roll back, and read on from its position."""


def retry_delay(failed_attempts: int, rng: random.Random) -> timedelta:
    """The wait after the n-th failed attempt: a minute doubled n-1 times, capped at six hours,
    times a random factor in [0.5, 1) ("equal jitter": receivers that failed together do not
    come back together, and no wait is shorter than half its step)."""
    step = min(RETRY_CAP.total_seconds(), RETRY_BASE.total_seconds() * 2 ** (failed_attempts - 1))
    return timedelta(seconds=step * (0.5 + rng.random() / 2))


def render(row: Any) -> str:
    """An outbox row as GET /changes writes the change (the same fields, the same bytes)."""
    return orjson.dumps(as_change(row), option=orjson.OPT_UTC_Z).decode()


def fan_out(session: Session, *, now: datetime, limit: int = 200) -> int:
    """Turn the next `limit` events of the outbox (in the change feed's order) into deliveries:
    one per active subscription that lists its type and whose client may read it in GET
    /changes now (`changes.service.readable_by`), written after the subscription was made.
    The number of events read; `PositionMoved` when another worker took them."""
    # Read afresh (not through the session's identity map): another step may have moved it.
    after = tuple(session.exec(select(P.xact_id, P.event_id).where(col(P.id) == 1)).one())
    # Before this transaction writes anything: read_feed's horizon is then the cluster's.
    rows = read_feed(session, after=after, limit=limit, readable=Readable(everything=True))
    if not rows:
        return 0
    upto = (rows[-1].xact_id, rows[-1].id)
    moved = session.execute(
        update(P)
        .where(col(P.id) == 1, col(P.xact_id) == after[0], col(P.event_id) == after[1])
        .values(xact_id=upto[0], event_id=upto[1])
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise PositionMoved()
    deliveries = []
    for subscription in session.exec(select(S).where(col(S.is_active))):
        subject = load_client_subject(session.connection(), client_id=subscription.client_id)
        if subject is None:  # revoked
            continue
        # Every event up to `upto` has committed, so this bounded read sees all it may.
        visible = read_feed(
            session,
            after=after,
            limit=limit,
            readable=readable_by(subject),
            types=subscription.event_types,
        )
        deliveries += [
            _delivery(subscription.id, row, now)
            for row in visible
            if (row.xact_id, row.id) <= upto and row.occurred_at >= subscription.created_at
        ]
    if deliveries:
        session.execute(insert(D), deliveries)
    return len(rows)


def _delivery(subscription_id: uuid.UUID, row: Any, now: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "subscription_id": subscription_id,
        "event_id": row.id,
        "event_type": row.type,
        "body": render(row),
        "state": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


@dataclass(frozen=True)
class Claim:
    """A delivery a worker holds: what it needs to send it, and its claim's token."""

    delivery_id: uuid.UUID
    token: uuid.UUID
    subscription_id: uuid.UUID
    url: str
    sealed_secret: str
    body: str
    attempts: int


def claim(
    session: Session, *, now: datetime, limit: int = 20, lease: timedelta = LEASE
) -> list[Claim]:
    """Take up to `limit` due pending deliveries of active subscriptions of clients not
    revoked, oldest due first
    (then by event id: no order is promised, receivers order by the change's `id` or time),
    until `now + lease`. Rows another transaction holds are skipped, not waited for."""
    due = (
        select(D.id)
        .join(S, col(S.id) == col(D.subscription_id))
        .where(
            col(D.state) == "pending",
            col(D.next_attempt_at) <= now,
            or_(col(D.claimed_until).is_(None), col(D.claimed_until) < now),
            col(S.is_active),
            col(S.client_id).in_(active_client_ids()),  # a revoked client is sent nothing more
        )
        .order_by(col(D.next_attempt_at), col(D.event_id), col(D.id))
        .limit(limit)
        .with_for_update(skip_locked=True, of=D)  # SQLite: no such clause, one writer anyway
    )
    ids = list(session.exec(due))
    if not ids:
        return []
    token = uuid.uuid4()
    session.execute(
        update(D).where(col(D.id).in_(ids)).values(claim_token=token, claimed_until=now + lease)
    )
    held = session.connection().execute(
        core_select(
            col(D.id),
            col(D.subscription_id),
            col(S.url),
            col(S.sealed_secret),
            col(D.body),
            col(D.attempts),
        )
        .join(S, col(S.id) == col(D.subscription_id))
        .where(col(D.id).in_(ids))
        .order_by(col(D.next_attempt_at), col(D.event_id), col(D.id))
    )
    return [
        Claim(id, token, subscription_id, url, secret, body, attempts)
        for id, subscription_id, url, secret, body, attempts in held
    ]


@dataclass(frozen=True)
class Outcome:
    """What one attempt gave: a 2xx, another status, or no answer (`error` says why)."""

    status_code: int | None = None
    error: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        # Standard Webhooks: 410 Gone asks the sender to stop for good.
        return self.status_code == 410


def record(
    session: Session,
    *,
    held: Claim,
    outcome: Outcome,
    now: datetime,
    rng: random.Random,
    max_attempts: int,
) -> str | None:
    """Write the attempt's outcome: delivered; pending again after `retry_delay`; or failed
    after `max_attempts` (or a 410, which also pauses the subscription). The new state, or
    None when the claim was voided meanwhile (a replay): then nothing is written."""
    attempts = held.attempts + 1
    values: dict[str, Any] = {
        "attempts": attempts,
        "last_attempt_at": now,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error[:500] if outcome.error else None,
        "claim_token": None,
        "claimed_until": None,
    }
    if outcome.delivered:
        values |= {"state": "delivered", "delivered_at": now}
    elif outcome.gone or attempts >= max_attempts:
        values |= {"state": "failed"}
    else:
        values |= {"state": "pending", "next_attempt_at": now + retry_delay(attempts, rng)}
    written = session.execute(
        update(D)
        .where(col(D.id) == held.delivery_id, col(D.claim_token) == held.token)
        .values(**values)
    )
    if written.rowcount != 1:  # type: ignore[attr-defined]
        return None
    if outcome.gone and (subscription := session.get(S, held.subscription_id)) is not None:
        subscription.is_active = False
        save(session, subscription)
    return str(values["state"])


def release(session: Session, held: Sequence[Claim]) -> None:
    """Give back claims not sent (the worker is stopping): due again at once, for any worker."""
    for one in held:
        session.execute(
            update(D)
            .where(col(D.id) == one.delivery_id, col(D.claim_token) == one.token)
            .values(claim_token=None, claimed_until=None)
        )
