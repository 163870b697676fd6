"""Matrix rows: organisations, a directory every logged-in caller reads and only the network
edits (committee admins may add one)."""

from typing import Any

from tests.organisations.factories import make_organisation
from tests.permissions.world import CALLERS, Row, World, everyone, network_only

LOGGED_IN = everyone(200) | {"anonymous": 401}
# Anyone holding organisation_write somewhere: network_admin and every committee admin.
CREATORS = dict.fromkeys(CALLERS, 201) | {
    "anonymous": 401,
    "member_own": 403,
    "member_foreign": 403,
}


def _organisation(w: World) -> dict[str, str]:
    return {"organisation_id": str(make_organisation(w.session).id)}


def _new(_w: World) -> dict[str, Any]:
    return {"type": "ccas", "name": "CCAS de Privas", "department_code": "07"}


ROWS: list[Row] = [
    Row("GET", "/api/v1/organisations", LOGGED_IN),
    Row("POST", "/api/v1/organisations", CREATORS, json=_new),
    Row("GET", "/api/v1/organisations/{organisation_id}", LOGGED_IN, params=_organisation),
    Row(
        "PATCH",
        "/api/v1/organisations/{organisation_id}",
        network_only(200),
        json=lambda w: {"name": "CCAS de Privas"},
        params=_organisation,
    ),
    Row(
        "DELETE",
        "/api/v1/organisations/{organisation_id}",
        network_only(204),
        params=_organisation,
    ),
]
