"""Matrix rows: HCTS axes, publications and the committees' relays of them."""

from typing import Any

from tests.hcts.factories import make_axis, make_publication, make_relay
from tests.permissions.world import READ_OWN, Row, World, everyone, network_only


def _axis(w: World) -> dict[str, str]:
    return {"axis_id": str(make_axis(w.session).id)}


def _published(w: World) -> dict[str, str]:
    return {"publication_id": str(make_publication(w.session).id)}


def _draft(w: World) -> dict[str, str]:
    return {"publication_id": str(make_publication(w.session, status="draft").id)}


def _relay(w: World) -> dict[str, str]:
    publication = make_publication(w.session)
    relay = make_relay(w.session, publication=publication, committee=w.own)
    return {"publication_id": str(publication.id), "relay_id": str(relay.id)}


def _new_axis(_w: World) -> dict[str, Any]:
    return {"code": "2024-axe-1", "title": "Participation des personnes", "starts_in": 2024}


def _new_publication(_w: World) -> dict[str, Any]:
    return {"kind": "opinion", "title": "Avis", "published_on": "2023-06-01"}


def _new_relay(w: World) -> dict[str, Any]:
    return {"committee_id": str(w.own.id), "relayed_on": "2023-06-02", "channel": "meeting"}


AX = "/api/v1/hcts/axes"
PUB = "/api/v1/hcts/publications"
P = PUB + "/{publication_id}"
LOGGED_IN = everyone(200) | {"anonymous": 401}
RELAY_WRITERS = {
    "anonymous": 401,
    "network_admin": 201,
    "admin_own": 201,
    "admin_foreign": 403,
    "member_own": 403,
    "member_foreign": 403,
}
RELAY_DELETERS = {
    "anonymous": 401,
    "network_admin": 204,
    "admin_own": 204,
    "admin_foreign": 404,  # the relay's committee is private: out of their sight
    "member_own": 403,
    "member_foreign": 404,
}

ROWS: list[Row] = [
    Row("GET", AX, everyone(200)),
    Row("POST", AX, network_only(201), json=_new_axis),
    Row("GET", AX + "/{axis_id}", everyone(200), params=_axis),
    Row(
        "PATCH", AX + "/{axis_id}", network_only(200), params=_axis, json=lambda w: {"position": 2}
    ),
    Row("DELETE", AX + "/{axis_id}", network_only(204), params=_axis),
    Row("GET", PUB, everyone(200)),
    Row("POST", PUB, network_only(201), json=_new_publication),
    Row("GET", P, everyone(200), params=_published),
    Row("PATCH", P, network_only(200), params=_draft, json=lambda w: {"title": "Revu"}),
    Row("DELETE", P, network_only(204), params=_published),
    Row("POST", P + "/publish", network_only(200), params=_draft),
    Row("GET", P + "/relays", LOGGED_IN, params=_relay),
    Row("POST", P + "/relays", RELAY_WRITERS, params=_published, json=_new_relay),
    Row("DELETE", P + "/relays/{relay_id}", RELAY_DELETERS, params=_relay),
    Row("GET", "/api/v1/committees/{committee_id}/relays", READ_OWN),
]
