"""`/webhooks/subscriptions`: a machine client's webhook URLs and their delivery log."""

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.deps import login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond, respond_page
from api.core.responses import CREATE_UNIQUE, DELETE, GUARDED, UPDATE, no_store, with_etag
from api.db import ReaderDep, SessionDep
from api.webhooks import service
from api.webhooks.deps import (
    DeliveryId,
    OwnSubscription,
    Policy,
    ReadableSubscription,
    ResolverDep,
    Subscriber,
    SubscriptionId,
    WebhookReader,
)
from api.webhooks.schemas import (
    DeliveryPage,
    DeliveryPublic,
    DeliveryState,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionPage,
    SubscriptionPublic,
    SubscriptionUpdate,
)

router = APIRouter(prefix="/webhooks/subscriptions", tags=["webhooks"], dependencies=login_required)


@router.get(
    "", response_model=SubscriptionPage, operation_id="webhooks-subscriptions-list",
    responses=GUARDED,
)  # fmt: skip
async def list_subscriptions(
    read: ReaderDep, subject: WebhookReader, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """A machine client's own subscriptions; every client's for a network_admin."""
    page = await read(
        partial(service.list_subscriptions, subject=subject, limit=limit, cursor=cursor)
    )
    return respond_page(SubscriptionPage, page)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="webhooks-subscriptions-create",
    responses=CREATE_UNIQUE,
)
def create_subscription(
    session: SessionDep,
    subject: Subscriber,
    body: SubscriptionCreate,
    policy: Policy,
    resolver: ResolverDep,
    response: Response,
) -> SubscriptionCreated:
    """Send these event types to this URL, signed (Standard Webhooks) with the secret in
    this answer and nowhere else. The events are those GET /changes shows the client,
    written from now on. A client has at most 20 subscriptions (409 beyond)."""
    no_store(response)
    assert subject.client_id is not None  # the guard's
    return service.create(
        session, client_id=subject.client_id, data=body, policy=policy, resolver=resolver
    )


@router.get(
    "/{subscription_id}",
    response_model=SubscriptionPublic,
    operation_id="webhooks-subscriptions-get",
    responses=GUARDED,
)
async def get_subscription(subscription: ReadableSubscription) -> Response:
    return respond(SubscriptionPublic, subscription, version=subscription.version)


@router.patch(
    "/{subscription_id}",
    response_model=SubscriptionPublic,
    operation_id="webhooks-subscriptions-update",
    responses=UPDATE,
)
def update_subscription(
    session: SessionDep,
    subscription: OwnSubscription,
    body: SubscriptionUpdate,
    policy: Policy,
    resolver: ResolverDep,
    response: Response,
    if_match: IfMatch = None,
) -> SubscriptionPublic:
    """Change its URL (checked again), its event types, or pause it (`is_active`)."""
    updated = service.update(
        session,
        subscription=subscription,
        data=body,
        if_match=if_match,
        policy=policy,
        resolver=resolver,
    )
    return with_etag(response, updated.version, SubscriptionPublic.model_validate(updated))


@router.delete(
    "/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="webhooks-subscriptions-delete",
    responses=DELETE,
)
def delete_subscription(
    session: SessionDep, subscription: OwnSubscription, if_match: IfMatch = None
) -> None:
    """Nothing more is sent to it; its delivery log goes with it."""
    service.delete(session, subscription=subscription, if_match=if_match)


@router.get(
    "/{subscription_id}/deliveries",
    response_model=DeliveryPage,
    operation_id="webhooks-deliveries-list",
    responses=GUARDED,
)
async def list_deliveries(
    read: ReaderDep,
    subject: WebhookReader,
    subscription_id: SubscriptionId,
    state: Annotated[DeliveryState | None, Query(description="Only in this state.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The delivery log, newest first: each event sent, its attempts and their outcome."""
    # Its guard is in the page's read (`service.list_deliveries`).
    return await read.page(
        DeliveryPage,
        partial(
            service.list_deliveries,
            subject=subject,
            subscription_id=subscription_id,
            state=state,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    operation_id="webhooks-deliveries-replay",
    responses=GUARDED,
)
def replay_delivery(
    session: SessionDep, subscription: OwnSubscription, delivery_id: DeliveryId
) -> DeliveryPublic:
    """Send it again as soon as a worker can, with the same `webhook-id` and body (a new
    signature and timestamp), and a fresh count of attempts."""
    return service.replay(session, subscription=subscription, delivery_id=delivery_id)
