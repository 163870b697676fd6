"""Matrix rows: webhook subscriptions, a machine client's own (its statuses are in
clients.py): the target is client_own's. A network_admin reads them all and changes none;
other users get a 403."""

from typing import Any

from api.core.clock import utcnow
from api.outbox.service import emit
from api.webhooks import deliveries
from tests.permissions.world import USER_CALLERS, Row, World
from tests.webhooks.factories import PUBLIC_URL, delivery_ids, subscribe

S = "/api/v1/webhooks/subscriptions"
ONE = S + "/{subscription_id}"


def _users(status: int | None = None) -> dict[str, int]:
    """Users: 403, a network_admin `status` (None: 403 too), anonymous callers 401."""
    refused = dict.fromkeys(USER_CALLERS, 403) | {"anonymous": 401}
    return refused | ({"network_admin": status} if status else {})


def _subscription(w: World) -> dict[str, str]:
    created = subscribe(w.session, w.clients["client_own"], PUBLIC_URL, "body.created")
    return {"subscription_id": str(created.id)}


def _delivery(w: World) -> dict[str, str]:
    ids = _subscription(w)
    emit(w.session, "body.created", committee_id=w.own.id, payload={"body_id": "b"})
    w.session.flush()
    deliveries.fan_out(w.session, now=utcnow())
    (delivery_id,) = delivery_ids(w.session, ids["subscription_id"])
    return ids | {"delivery_id": str(delivery_id)}


def _new(_w: World) -> dict[str, Any]:
    return {"url": PUBLIC_URL, "event_types": ["membership.created", "body.created"]}


ROWS: list[Row] = [
    Row("GET", S, _users(200)),
    Row("POST", S, _users(), json=_new),
    Row("GET", ONE, _users(200), params=_subscription),
    Row("PATCH", ONE, _users(), json=lambda w: {"is_active": False}, params=_subscription),
    Row("DELETE", ONE, _users(), params=_subscription),
    Row("GET", ONE + "/deliveries", _users(200), params=_delivery),
    Row("POST", ONE + "/deliveries/{delivery_id}/replay", _users(), params=_delivery),
]
