"""Who may call the webhook routes: machine clients manage their own subscriptions; a
network_admin reads every one (and its log) but changes none; other callers get a 403."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject
from api.auth.permissions import Subject
from api.config import SettingsDep
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.webhooks import service
from api.webhooks.models import WebhookSubscription
from api.webhooks.targets import Resolver, TargetPolicy, system_resolver

SubscriptionId = Annotated[uuid.UUID, Path(description="The webhook subscription's id.")]
DeliveryId = Annotated[uuid.UUID, Path(description="The delivery's id (its `webhook-id`).")]


async def require_client(subject: CurrentSubject) -> Subject:
    if subject.client_id is None:
        raise Forbidden("Only a machine client subscribes to webhooks and manages its own.")
    return subject


async def require_client_or_network(subject: CurrentSubject) -> Subject:
    if subject.client_id is None and not subject.is_network_admin:
        raise Forbidden("Webhooks are machine clients' (and a network_admin reads them).")
    return subject


Subscriber = Annotated[Subject, Depends(require_client)]
WebhookReader = Annotated[Subject, Depends(require_client_or_network)]


async def get_readable(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    subject: WebhookReader,
    subscription_id: SubscriptionId,
) -> WebhookSubscription:
    check = partial(
        service.get_subscription, subscription_id=subscription_id, subject=subject, owner_only=False
    )
    return await run_check(request, read, session, check)


async def get_own(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    subject: Subscriber,
    subscription_id: SubscriptionId,
) -> WebhookSubscription:
    check = partial(
        service.get_subscription, subscription_id=subscription_id, subject=subject, owner_only=True
    )
    return await run_check(request, read, session, check)


ReadableSubscription = Annotated[WebhookSubscription, Depends(get_readable)]
OwnSubscription = Annotated[WebhookSubscription, Depends(get_own)]


async def get_target_policy(settings: SettingsDep) -> TargetPolicy:
    return TargetPolicy(allow_local=settings.webhooks_allow_local)


async def get_resolver() -> Resolver:
    """The DNS lookup of a subscribed host (a dependency: tests answer it themselves)."""
    return system_resolver


Policy = Annotated[TargetPolicy, Depends(get_target_policy)]
ResolverDep = Annotated[Resolver, Depends(get_resolver)]
