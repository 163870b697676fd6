"""Webhook subscriptions and their delivery log, as a machine client reads and writes them."""

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from api.changes.catalogue import ALL_TYPES, ChangeType
from api.core.pagination import Page
from api.core.schemas import HttpUrl, Input, JsonBool, Omittable, Output, PatchInput

_SECRET_DOC = "Shown once: `whsec_` and the key in base64, as Standard Webhooks libraries take it."  # noqa: S105
_TYPES_DOC = (
    "Event types of the change feed (`ChangeType`). Only the events the client may read in "
    "GET /changes are sent, on the committees it is bound to when the event is fanned out."
)
_URL_DOC = (
    "https:// only; its host must resolve to public addresses only (checked now and before "
    "each delivery)."
)

EventTypes = list[ChangeType]


class DeliveryState(StrEnum):
    """pending: waiting for its first or next attempt; delivered: a 2xx answered; failed:
    every attempt failed (or the subscription's URL answered 410 Gone)."""

    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class SubscriptionCreate(Input):
    url: HttpUrl = Field(description=_URL_DOC)
    event_types: EventTypes = Field(min_length=1, max_length=len(ALL_TYPES), description=_TYPES_DOC)


class SubscriptionUpdate(PatchInput):
    url: Omittable[HttpUrl] = Field(default=None, description=_URL_DOC)
    event_types: Omittable[EventTypes] = Field(
        default=None, min_length=1, max_length=len(ALL_TYPES), description=_TYPES_DOC
    )
    is_active: Omittable[JsonBool] = Field(
        default=None, description="false: nothing is sent, nor fanned out, until it is true."
    )


class SubscriptionPublic(Output):
    id: uuid.UUID
    client_id: uuid.UUID
    url: str
    event_types: list[str]
    is_active: bool = Field(
        description="false: paused by its client, or by the worker after a 410 Gone."
    )
    created_at: datetime
    updated_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    secret: str = Field(description=_SECRET_DOC)


class SubscriptionPage(Page[SubscriptionPublic]):
    pass


class DeliveryPublic(Output):
    """One event sent to one subscription: its last attempt and what comes next."""

    id: uuid.UUID = Field(description="The `webhook-id` header: the same on every attempt.")
    subscription_id: uuid.UUID
    event_id: int = Field(description="The change's `id` in GET /changes.")
    event_type: str
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime | None = Field(description="When it is tried next (pending).")
    last_attempt_at: datetime | None
    last_status_code: int | None = Field(description="The receiver's answer; null: none.")
    last_error: str | None = Field(description="Why the last attempt failed, when it did.")
    delivered_at: datetime | None
    created_at: datetime


class DeliveryPage(Page[DeliveryPublic]):
    pass
