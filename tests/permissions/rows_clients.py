"""Matrix rows: machine clients, which a network_admin alone registers, rotates and revokes
(a client cannot manage itself or another)."""

from typing import Any

from api.auth.permissions import ClientScope
from tests.factories import make_client
from tests.permissions.world import Row, World, network_only

C = "/api/v1/machine-clients/{client_id}"


def _target(w: World) -> dict[str, str]:
    client_id, _ = make_client(w.session, ClientScope.members_read, committees=[w.own])
    return {"client_id": str(client_id)}


def _new(w: World) -> dict[str, Any]:
    return {"name": "SI du département", "scopes": ["members:read"], "department_code": "07"}


ROWS: list[Row] = [
    Row("GET", "/api/v1/machine-clients", network_only(200)),
    Row("POST", "/api/v1/machine-clients", network_only(201), json=_new),
    Row("GET", C, network_only(200), params=_target),
    Row("POST", C + "/secret", network_only(200), json=lambda w: {}, params=_target),
    Row("DELETE", C + "/previous-secret", network_only(200), params=_target),
    Row("POST", C + "/revoke", network_only(200), params=_target),
]
