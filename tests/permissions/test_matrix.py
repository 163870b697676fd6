"""Every endpoint × every kind of caller, own and foreign committee, as one table.

The target committee is private, so a caller who may not see it gets 404 (its existence does
not leak), one who sees it but may not act gets 403, and an anonymous writer gets 401.
A route of the app without a row here fails `test_every_route_has_a_row`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth import service as auth_service
from api.auth.models import RoleGrant, User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.config import get_settings
from api.main import app
from tests.factories import PASSWORD, auth, grant, make_committee, make_user

CALLERS = (
    "anonymous",
    "network_admin",
    "admin_own",
    "admin_foreign",
    "member_own",
    "member_foreign",
)


@dataclass
class World:
    session: Session
    own: Committee
    foreign: Committee
    users: dict[str, User]
    target_user: User
    target_grant: RoleGrant

    def params(self) -> dict[str, str]:
        return {
            "committee_id": str(self.own.id),
            "user_id": str(self.target_user.id),
            "grant_id": str(self.target_grant.id),
            "code": "84",
        }


@pytest.fixture
def world(session: Session) -> World:
    own = make_committee(session, is_public=False, department_codes=["07"])
    foreign = make_committee(session, is_public=False, department_codes=["33"])
    users = {
        "network_admin": make_user(session, role=Role.network_admin),
        "admin_own": make_user(session, role=Role.committee_admin, committee=own),
        "admin_foreign": make_user(session, role=Role.committee_admin, committee=foreign),
        "member_own": make_user(session, role=Role.member, committee=own),
        "member_foreign": make_user(session, role=Role.member, committee=foreign),
    }
    target_user = make_user(session, email="target@example.org")
    grant(session, target_user, Role.member, foreign)
    target_grant = session.exec(select(RoleGrant).where(RoleGrant.user_id == target_user.id)).one()
    return World(session, own, foreign, users, target_user, target_grant)


Body = Callable[[World], Mapping[str, Any]]


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expected: Mapping[str, int]
    json: Body | None = None
    form: Body | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, status)


def network_only(status: int) -> dict[str, int]:
    return {"anonymous": 401, "network_admin": status} | {
        c: 403 for c in CALLERS if c not in ("anonymous", "network_admin")
    }


def committee_scoped(status: int, *, admin: bool, member: bool) -> dict[str, int]:
    """Foreign callers cannot see a private committee (404); own callers see it."""
    return {
        "anonymous": 401,
        "network_admin": status,
        "admin_own": status if admin else 403,
        "admin_foreign": 404,
        "member_own": status if member else 403,
        "member_foreign": 404,
    }


READ_OWN = {
    "anonymous": 404,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 404,
    "member_own": 200,
    "member_foreign": 404,
}


def _refresh_token(w: World) -> dict[str, str]:
    pair = auth_service.issue_tokens(
        w.session, settings=get_settings(), user_id=w.users["network_admin"].id
    )
    return {"refresh_token": pair.refresh_token}


def _new_committee(_w: World) -> dict[str, Any]:
    return {"name": "Nouveau comité", "scale": "departmental", "department_codes": ["26"]}


def _new_user(_w: World) -> dict[str, Any]:
    return {"email": "new.user@example.org", "display_name": "New", "password": "x" * 12}


ROWS: list[Row] = [
    Row("GET", "/api/v1/health", everyone(200)),
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


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method} {r.path}")
def test_permission_matrix(client: TestClient, world: World, row: Row, caller: str) -> None:
    headers = {} if caller == "anonymous" else auth(world.users[caller])
    url = row.path.format(**(world.params() | dict(row.extra)))
    kwargs: dict[str, Any] = {"headers": headers}
    if row.json is not None:
        kwargs["json"] = row.json(world)
    if row.form is not None:
        kwargs["data"] = row.form(world)

    response = client.request(row.method, url, **kwargs)

    assert response.status_code == row.expected[caller], response.text


def test_every_route_has_a_row() -> None:
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    covered = {(row.method, row.path) for row in ROWS}
    assert routes - covered == set(), "routes without a permission-matrix row"
    assert covered - routes == set(), "matrix rows for routes that no longer exist"
    for row in ROWS:
        assert set(row.expected) == set(CALLERS), f"{row.method} {row.path} misses a caller"
