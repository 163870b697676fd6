"""Subscriptions, their deliveries, and how far the worker has read the outbox."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import (
    Timestamped,
    Versioned,
    json_list_field,
    now_field,
    one_of,
    optional_time_field,
    ref,
    uuid_pk,
)

DELIVERY_STATES = ("pending", "delivered", "failed")


class WebhookSubscription(Versioned, Timestamped, table=True):
    """A machine client's URL and the event types it is sent. The signing secret is kept
    sealed (api.webhooks.signing): the worker needs it back to sign, so it cannot be hashed."""

    __tablename__ = "webhook_subscriptions"

    id: uuid.UUID = uuid_pk()
    client_id: uuid.UUID = ref("machine_clients.id", index=True)
    url: str = Field(sa_type=String(2048))
    event_types: list[str] = json_list_field()
    sealed_secret: str = Field(sa_type=String(200))
    # Paused by its client, or by the worker when the receiver answered 410 Gone.
    is_active: bool = True


class WebhookDelivery(SQLModel, table=True):
    """One event for one subscription, from its first attempt to its last. Its id is the
    `webhook-id` the receiver sees, the same on every retry and replay (so it can dedupe)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The worker fans each event out once per subscription, whatever races it loses.
        UniqueConstraint("subscription_id", "event_id"),
        Index(None, "subscription_id", "created_at", "id"),
        # What the worker claims: the due pending deliveries.
        Index(None, "state", "next_attempt_at"),
        one_of("state", DELIVERY_STATES),
    )

    id: uuid.UUID = uuid_pk()
    subscription_id: uuid.UUID = ref("webhook_subscriptions.id", ondelete="CASCADE")
    # The outbox event's id (no key: the body below is what is sent, and it is kept).
    event_id: int = Field(sa_column=Column(BigInteger(), nullable=False))
    event_type: str = Field(sa_type=String(60))
    # The event as GET /changes renders it: the exact bytes signed and sent each time.
    body: str = Field(sa_column=Column(Text(), nullable=False))
    state: str = Field(default="pending", sa_type=String(10))
    attempts: int = 0
    next_attempt_at: datetime = now_field()
    # A worker's claim: its token, and when the claim lapses if the worker died holding it.
    claim_token: uuid.UUID | None = None
    claimed_until: datetime | None = optional_time_field()
    last_attempt_at: datetime | None = optional_time_field()
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, sa_type=String(500))
    delivered_at: datetime | None = optional_time_field()
    created_at: datetime = now_field()


class WebhookFeedPosition(SQLModel, table=True):
    """How far the worker has fanned the outbox out (one row, id 1): a position of the change
    feed, (`xact_id`, `event_id`), read in its order (api.outbox.service.read_feed)."""

    __tablename__ = "webhook_feed_position"

    id: int = Field(default=1, primary_key=True)
    xact_id: int = Field(default=0, sa_column=Column(BigInteger(), nullable=False))
    event_id: int = Field(default=0, sa_column=Column(BigInteger(), nullable=False))
