"""Subscriptions as a machine client manages them: the secret shown once, the URL checked
against non-global addresses, another client's subscriptions hidden (404), the delivery log
paged and replayed."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import ClientScope
from api.core.clock import utcnow
from api.main import app
from api.outbox.service import emit
from api.webhooks import deliveries, service, signing
from api.webhooks.deps import get_resolver, get_target_policy
from api.webhooks.models import WebhookDelivery, WebhookSubscription
from api.webhooks.targets import Resolver, TargetPolicy
from tests.assertions import assert_problem, item_ids
from tests.factories import client_auth, editing, make_client, make_committee
from tests.webhooks.factories import PUBLIC_URL, STRICT, delivery_ids, resolving_to, subscribe

URL = "/api/v1/webhooks/subscriptions"
READ = ClientScope.members_read


@pytest.fixture
def dns() -> Iterator[dict[str, Resolver]]:
    """What the API's DNS answers (`dns["resolver"] = ...`); public by default."""
    answers = {"resolver": resolving_to("93.184.215.14")}
    app.dependency_overrides[get_resolver] = lambda: answers["resolver"]
    yield answers
    app.dependency_overrides.pop(get_resolver, None)


@pytest.fixture
def strict() -> Iterator[None]:
    """Production's policy, whatever the test environment's settings say."""
    app.dependency_overrides[get_target_policy] = lambda: STRICT
    yield
    app.dependency_overrides.pop(get_target_policy, None)


def _client(session: Session) -> dict[str, str]:
    committee = make_committee(session, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[committee])
    return client_auth(client_id)


def _new(url: str = "https://hooks.example.org/ancrage", *types: str) -> dict[str, Any]:
    return {"url": url, "event_types": list(types) or ["membership.created", "body.created"]}


def test_a_client_subscribes_and_sees_the_secret_once(
    client: TestClient, session: Session, dns: Any, strict: None
) -> None:
    headers = _client(session)

    created = client.post(URL, json=_new(), headers=headers)

    assert created.status_code == 201, created.text
    assert created.headers["Cache-Control"] == "no-store"
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert body["event_types"] == ["body.created", "membership.created"]
    assert body["is_active"] is True
    stored = session.get(WebhookSubscription, uuid.UUID(body["id"]))
    assert stored is not None
    assert body["secret"] not in stored.sealed_secret
    assert signing.unseal(stored.sealed_secret) == body["secret"]
    read = client.get(f"{URL}/{body['id']}", headers=headers)
    assert read.status_code == 200
    assert "secret" not in read.json()
    assert "secret" not in client.get(URL, headers=headers).json()["items"][0]


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1"], ["10.1.2.3"], ["169.254.169.254"], ["::1"], ["93.184.215.14", "10.0.0.1"]],
)
def test_a_name_resolving_to_a_non_global_address_is_refused(
    client: TestClient, session: Session, dns: Any, strict: None, addresses: list[str]
) -> None:
    headers = _client(session)
    dns["resolver"] = resolving_to(*addresses)

    refused = client.post(URL, json=_new(), headers=headers)

    body = assert_problem(refused, 422, code="target_not_allowed")
    assert body["errors"][0]["pointer"] == "/url"


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.215.14/hooks",  # not https
        "https://127.0.0.1/hooks",
        "https://[::1]/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://192.168.1.10/",
        "https://user:pass@93.184.215.14/",
    ],
)
def test_urls_the_worker_would_refuse_are_refused(
    client: TestClient, session: Session, dns: Any, strict: None, url: str
) -> None:
    assert_problem(client.post(URL, json=_new(url), headers=_client(session)), 422)


def test_a_name_that_does_not_resolve_is_refused(
    client: TestClient, session: Session, dns: Any, strict: None
) -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise OSError("no such name")

    dns["resolver"] = nowhere
    assert_problem(client.post(URL, json=_new(), headers=_client(session)), 422)


def test_the_development_setting_allows_http_on_loopback_only(
    client: TestClient, session: Session, dns: Any
) -> None:
    app.dependency_overrides[get_target_policy] = lambda: TargetPolicy(allow_local=True)
    try:
        headers = _client(session)
        allowed = client.post(URL, json=_new("http://127.0.0.1:9999/hooks"), headers=headers)
        private = client.post(URL, json=_new("http://10.0.0.2/hooks"), headers=headers)
    finally:
        app.dependency_overrides.pop(get_target_policy, None)
    assert allowed.status_code == 201, allowed.text
    assert_problem(private, 422)


def test_a_patch_checks_the_new_url_too(
    client: TestClient, session: Session, dns: Any, strict: None
) -> None:
    headers = _client(session)
    created = client.post(URL, json=_new(), headers=headers).json()
    one = f"{URL}/{created['id']}"
    dns["resolver"] = resolving_to("10.0.0.9")

    refused = client.patch(
        one, json={"url": "https://elsewhere.example"}, headers=editing(client, one, headers)
    )
    paused = client.patch(one, json={"is_active": False}, headers=editing(client, one, headers))

    assert_problem(refused, 422)
    assert paused.status_code == 200
    assert paused.json()["is_active"] is False
    assert paused.json()["url"] == "https://hooks.example.org/ancrage"


def test_another_clients_subscription_does_not_exist_for_a_client(
    client: TestClient, session: Session, dns: Any
) -> None:
    mine, theirs = _client(session), _client(session)
    created = client.post(URL, json=_new(), headers=mine).json()
    one = f"{URL}/{created['id']}"
    session.add(
        WebhookDelivery(
            subscription_id=uuid.UUID(created["id"]),
            event_id=1,
            event_type="body.created",
            body="{}",
        )
    )
    session.flush()
    (delivery,) = client.get(f"{one}/deliveries", headers=mine).json()["items"]

    assert item_ids(client.get(URL, headers=theirs)) == []
    for response in (
        client.get(one, headers=theirs),
        client.get(f"{one}/deliveries", headers=theirs),
        client.post(f"{one}/deliveries/{delivery['id']}/replay", headers=theirs),
        client.patch(one, json={"is_active": False}, headers=theirs | {"If-Match": "*"}),
        client.delete(one, headers=theirs | {"If-Match": "*"}),
    ):
        assert_problem(response, 404, code="subscription_not_found")
    assert client.get(one, headers=mine).json()["is_active"] is True


def test_a_network_admin_lists_every_clients_subscriptions(
    client: TestClient, session: Session, dns: Any, admin_headers: dict[str, str]
) -> None:
    first, second = _client(session), _client(session)
    ids = [client.post(URL, json=_new(), headers=h).json()["id"] for h in (first, second)]

    assert item_ids(client.get(URL, headers=admin_headers)) == ids
    assert item_ids(client.get(URL, headers=first)) == ids[:1]


def test_a_network_admin_reads_any_delivery_log_and_none_of_an_unknown_subscription(
    client: TestClient, session: Session, dns: Any, admin_headers: dict[str, str]
) -> None:
    owner = _client(session)
    full, empty = (client.post(URL, json=_new(), headers=owner).json()["id"] for _ in range(2))
    session.add(
        WebhookDelivery(
            subscription_id=uuid.UUID(full), event_id=1, event_type="body.created", body="{}"
        )
    )
    session.flush()

    logged = client.get(f"{URL}/{full}/deliveries", headers=admin_headers)
    none_yet = client.get(f"{URL}/{empty}/deliveries", headers=admin_headers)
    unknown = client.get(f"{URL}/{uuid.uuid4()}/deliveries", headers=admin_headers)

    assert [d["subscription_id"] for d in logged.json()["items"]] == [full]
    assert none_yet.json() == {"items": [], "next_cursor": None}
    assert_problem(unknown, 404, code="subscription_not_found")


def test_the_delivery_log_is_paged_newest_first_and_filtered_by_state(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[committee])
    subscription = subscribe(session, client_id, PUBLIC_URL, "body.created")
    for n in range(5):
        emit(session, "body.created", committee_id=committee.id, payload={"n": n})
    session.flush()
    deliveries.fan_out(session, now=utcnow())
    log = f"{URL}/{subscription.id}/deliveries"
    headers = client_auth(client_id)

    first = client.get(log, params={"limit": 3}, headers=headers).json()
    rest = client.get(log, params={"cursor": first["next_cursor"]}, headers=headers).json()

    items = first["items"] + rest["items"]
    assert len(items) == 5
    assert rest["next_cursor"] is None
    assert [i["created_at"] for i in items] == sorted(
        (i["created_at"] for i in items), reverse=True
    )
    assert {i["state"] for i in items} == {"pending"}
    assert all(i["next_attempt_at"] for i in items)
    delivered = client.get(log, params={"state": "delivered"}, headers=headers).json()
    assert delivered["items"] == []


def test_a_replay_makes_a_failed_delivery_due_again_with_fresh_attempts(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[committee])
    subscription = subscribe(session, client_id, PUBLIC_URL, "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    deliveries.fan_out(session, now=utcnow())
    (delivery_id,) = delivery_ids(session, subscription.id)
    stored = session.get(WebhookDelivery, delivery_id)
    assert stored is not None
    stored.state, stored.attempts, stored.last_error = "failed", 8, "HTTP 500"
    session.flush()

    replayed = client.post(
        f"{URL}/{subscription.id}/deliveries/{stored.id}/replay", headers=client_auth(client_id)
    )

    assert replayed.status_code == 202, replayed.text
    assert replayed.json()["state"] == "pending"
    assert replayed.json()["attempts"] == 0
    session.refresh(stored)
    assert stored.state == "pending"
    assert stored.next_attempt_at <= utcnow()


def test_an_unknown_delivery_is_a_404(client: TestClient, session: Session, dns: Any) -> None:
    headers = _client(session)
    created = client.post(URL, json=_new(), headers=headers).json()

    missing = client.post(
        f"{URL}/{created['id']}/deliveries/{created['id']}/replay", headers=headers
    )

    assert_problem(missing, 404, code="delivery_not_found")


def test_deleting_a_subscription_takes_its_log_with_it(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, department_codes=["07"])
    client_id, _ = make_client(session, READ, committees=[committee])
    subscription = subscribe(session, client_id, PUBLIC_URL, "body.created")
    emit(session, "body.created", committee_id=committee.id, payload={})
    session.flush()
    deliveries.fan_out(session, now=utcnow())
    one = f"{URL}/{subscription.id}"
    headers = client_auth(client_id)

    deleted = client.delete(one, headers=editing(client, one, headers))

    assert deleted.status_code == 204
    assert_problem(client.get(one, headers=headers), 404)
    assert session.get(WebhookSubscription, subscription.id) is None


def test_a_client_has_a_bounded_number_of_subscriptions(
    client: TestClient, session: Session, dns: Any
) -> None:
    headers = _client(session)
    for _ in range(service.MAX_PER_CLIENT):
        assert client.post(URL, json=_new(), headers=headers).status_code == 201

    refused = client.post(URL, json=_new(), headers=headers)

    assert_problem(refused, 409, code="too_many_subscriptions")
    assert client.post(URL, json=_new(), headers=_client(session)).status_code == 201
