"""Matrix rows: auth, users, territories, committees."""

from collections.abc import Callable
from typing import Any

from api.auth import service as auth_service
from api.config import get_settings
from tests.factories import PASSWORD
from tests.permissions.world import (
    READ_OWN,
    Row,
    World,
    committee_scoped,
    everyone,
    network_only,
)


def _refresh_token(w: World) -> dict[str, str]:
    pair = auth_service.issue_tokens(
        w.session, settings=get_settings(), user_id=w.users["network_admin"].id
    )
    return {"refresh_token": pair.refresh_token}


def _new_committee(_w: World) -> dict[str, Any]:
    return {"name": "Nouveau comité", "scale": "departmental", "department_codes": ["26"]}


def _new_user(_w: World) -> dict[str, Any]:
    return {"email": "new.user@example.org", "display_name": "New", "password": "x" * 12}


# Moving a committee in the network is a network_admin's decision: its own admins, who may
# edit the rest of its entry, get a 403 (and so would an admin of both committees).
MOVE = committee_scoped(200, admin=False, member=False)
COMMITTEE = "/api/v1/committees/{committee_id}"


def _move(field: str, value: Callable[[World], Any]) -> Row:
    return Row("PATCH", COMMITTEE, MOVE, json=lambda w: {field: value(w)}, field=field)


ROWS: list[Row] = [
    Row("GET", "/api/v1/health", everyone(200)),
    Row("GET", "/api/v1/health/live", everyone(200)),
    Row("GET", "/api/v1/health/ready", everyone(200)),
    Row(
        "POST",
        "/api/v1/auth/token",
        everyone(200),
        form=lambda w: {"username": w.users["network_admin"].email, "password": PASSWORD},
    ),
    Row("POST", "/api/v1/auth/refresh", everyone(200), json=_refresh_token),
    Row("GET", "/api/v1/me", everyone(200) | {"anonymous": 401}),
    Row("GET", "/api/v1/users", network_only(200)),
    Row("POST", "/api/v1/users", network_only(201), json=_new_user),
    Row("GET", "/api/v1/users/{user_id}", network_only(200)),
    Row(
        "PATCH", "/api/v1/users/{user_id}", network_only(200), json=lambda w: {"display_name": "R"}
    ),
    Row(
        "POST",
        "/api/v1/users/{user_id}/grants",
        network_only(201),
        json=lambda w: {"role": "committee_admin", "committee_id": str(w.own.id)},
    ),
    Row("DELETE", "/api/v1/users/{user_id}/grants/{grant_id}", network_only(204)),
    Row("POST", "/api/v1/users/{user_id}/unlock", network_only(204)),
    Row("GET", "/api/v1/territories/regions", everyone(200)),
    Row("GET", "/api/v1/territories/regions/{code}", everyone(200)),
    Row("GET", "/api/v1/territories/departments", everyone(200)),
    Row("GET", "/api/v1/territories/departments/{code}", everyone(200), extra={"code": "07"}),
    Row("GET", "/api/v1/committees", everyone(200)),
    Row("POST", "/api/v1/committees", network_only(201), json=_new_committee),
    Row("GET", "/api/v1/committees/{committee_id}", READ_OWN),
    Row("GET", "/api/v1/committees/{committee_id}/status-history", READ_OWN),
    Row(
        "PATCH",
        "/api/v1/committees/{committee_id}",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"description": "Mise à jour"},
    ),
    _move("parent_id", lambda w: str(w.foreign.id)),
    _move("scale", lambda w: "local"),
    _move("department_codes", lambda w: ["26"]),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/status",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"status": "construction"},
    ),
    Row(
        "DELETE",
        "/api/v1/committees/{committee_id}",
        committee_scoped(204, admin=False, member=False),
    ),
]
