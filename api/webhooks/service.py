"""Subscriptions and their delivery log, as the routes ask (who may do what is the guards'
in deps.py: a client its own, a network_admin reads all). The worker's side is deliveries.py."""

import uuid
from typing import Any

from sqlalchemy import Connection, bindparam, case
from sqlalchemy import exists as sql_exists
from sqlalchemy import select as core_select
from sqlmodel import Session, col, func, select

from api.auth.permissions import Subject
from api.core import etags
from api.core.clock import utcnow
from api.core.pagination import page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import Prepared, columns_for
from api.core.writes import apply_changes, patch_changes, store
from api.webhooks import signing
from api.webhooks.models import WebhookDelivery, WebhookSubscription
from api.webhooks.schemas import (
    DeliveryPublic,
    DeliveryState,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionPublic,
    SubscriptionUpdate,
)
from api.webhooks.targets import Resolver, TargetPolicy, TargetRefused, check

S, D = WebhookSubscription, WebhookDelivery


class SubscriptionNotFound(NotFound):
    default_detail = "No webhook subscription with this id."


# Each subscription costs the worker a read of the outbox per batch: a client has a few.
MAX_PER_CLIENT = 20


class TooManySubscriptions(Conflict):
    default_detail = (
        f"A client has at most {MAX_PER_CLIENT} subscriptions: delete one, or subscribe one URL "
        "to several event types."
    )


class DeliveryNotFound(NotFound):
    default_detail = "No delivery with this id in this subscription."


class TargetNotAllowed(InvalidInput):
    """A URL the worker would refuse to send to (not https, or not only public addresses)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"This URL cannot receive webhooks: {reason}.", field="url")


def _checked_url(url: str, policy: TargetPolicy, resolver: Resolver) -> str:
    try:
        check(url, policy, resolver)
    except TargetRefused as refused:
        raise TargetNotAllowed(str(refused)) from refused
    return url


def _distinct(types: list[Any]) -> list[str]:
    return sorted({str(t) for t in types})


def create(
    session: Session,
    *,
    client_id: uuid.UUID,
    data: SubscriptionCreate,
    policy: TargetPolicy,
    resolver: Resolver,
) -> SubscriptionCreated:
    held = session.exec(select(func.count()).select_from(S).where(S.client_id == client_id)).one()
    if held >= MAX_PER_CLIENT:
        raise TooManySubscriptions()
    secret = signing.new_secret()
    subscription = S(
        client_id=client_id,
        url=_checked_url(data.url, policy, resolver),
        event_types=_distinct(data.event_types),
        sealed_secret=signing.seal(secret),
    )
    store(session, subscription)
    public = SubscriptionPublic.model_validate(subscription)
    return SubscriptionCreated(**public.model_dump(), secret=secret)


def get_subscription(
    session: Session, *, subscription_id: uuid.UUID, subject: Subject, owner_only: bool
) -> WebhookSubscription:
    """The subscription, if the caller may see it (its client; a network_admin too unless
    `owner_only`); else a 404: another client's subscriptions do not exist for it."""
    subscription = session.get(S, subscription_id)
    if subscription is None:
        raise SubscriptionNotFound()
    mine = subject.client_id is not None and subscription.client_id == subject.client_id
    if not mine and (owner_only or not subject.is_network_admin):
        raise SubscriptionNotFound()
    return subscription


_SUBSCRIPTIONS = Prepared(
    core_select(*columns_for(S, SubscriptionPublic)),
    client_id=lambda value: col(S.client_id) == value,
)


def list_subscriptions(
    connection: Connection, *, subject: Subject, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """A client's own subscriptions; every client's for a network_admin. Oldest first, each
    as a `SubscriptionPublic`'s fields, in one statement built once."""
    stmt, params = _SUBSCRIPTIONS(client_id=None if subject.is_network_admin else subject.client_id)
    keys = [col(S.created_at), col(S.id)]
    return page_of_dicts(
        paginate(connection, stmt, keys=keys, limit=limit, cursor=cursor, params=params)
    )


def update(
    session: Session,
    *,
    subscription: WebhookSubscription,
    data: SubscriptionUpdate,
    if_match: str | None,
    policy: TargetPolicy,
    resolver: Resolver,
) -> WebhookSubscription:
    changes = patch_changes(data)
    if "url" in changes:
        changes["url"] = _checked_url(changes["url"], policy, resolver)
    if "event_types" in changes:
        changes["event_types"] = _distinct(changes["event_types"])
    etags.require_match(if_match, subscription.version)
    apply_changes(session, subscription, changes)
    return subscription


def delete(session: Session, *, subscription: WebhookSubscription, if_match: str | None) -> None:
    """The subscription and its delivery log go: nothing more is sent to it."""
    etags.require_match(if_match, subscription.version)
    session.delete(subscription)
    session.flush()


_DELIVERY_FIELDS: list[Any] = [
    col(D.id),
    col(D.subscription_id),
    col(D.event_id),
    col(D.event_type),
    col(D.state),
    col(D.attempts),
    col(D.next_attempt_at),
    col(D.last_attempt_at),
    col(D.last_status_code),
    col(D.last_error),
    col(D.delivered_at),
    col(D.created_at),
]


def _public(delivery: Any) -> dict[str, Any]:
    """A delivery (a row of `_DELIVERY_FIELDS` or the table's object) as DeliveryPublic's
    fields; when it will be tried next only while it is pending."""
    row = {name: getattr(delivery, name) for name in DeliveryPublic.model_fields}
    if row["state"] != DeliveryState.pending:
        row["next_attempt_at"] = None
    return row


# A page of a subscription's log, built once; for a client, of its own subscription only.
_DELIVERIES = Prepared(
    core_select(
        *(c for c in _DELIVERY_FIELDS if c.key != "next_attempt_at"),
        # When it will be tried next only while it is pending, as `_public` writes it.
        case((col(D.state) == DeliveryState.pending.value, col(D.next_attempt_at))).label(
            "next_attempt_at"
        ),
    ).where(col(D.subscription_id) == bindparam("subscription_id")),
    state=lambda value: col(D.state) == value,
    client_id=lambda value: sql_exists().where(
        col(S.id) == col(D.subscription_id), col(S.client_id) == value
    ),
)


def list_deliveries(
    session: Session,
    *,
    subject: Subject,
    subscription_id: uuid.UUID,
    state: DeliveryState | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The subscription's deliveries, newest first, each as `DeliveryPublic`'s fields; 404 as
    `get_subscription` says. A page with rows proves the caller may read it (the subscription
    is there, and theirs for a client): only an empty one asks the guard."""
    stmt, params = _DELIVERIES(
        state=state, client_id=None if subject.is_network_admin else subject.client_id
    )
    params["subscription_id"] = subscription_id
    keys = [col(D.created_at), col(D.id)]
    page = paginate(
        session, stmt, keys=keys, limit=limit, cursor=cursor, descending=True, params=params
    )
    if not page[0]:
        get_subscription(
            session, subscription_id=subscription_id, subject=subject, owner_only=False
        )
    return page_of_dicts(page)


def replay(
    session: Session, *, subscription: WebhookSubscription, delivery_id: uuid.UUID
) -> DeliveryPublic:
    """Send the delivery again, now, with a fresh count of attempts: whatever its state. A
    worker holding it in flight loses its claim (what it then records is dropped)."""
    delivery = session.get(D, delivery_id)
    if delivery is None or delivery.subscription_id != subscription.id:
        raise DeliveryNotFound()
    delivery.state = DeliveryState.pending.value
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    delivery.claim_token = None
    delivery.claimed_until = None
    store(session, delivery)
    return DeliveryPublic.model_validate(_public(delivery))
