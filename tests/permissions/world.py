"""The callers, the committees they belong to, and the row type of the permission matrix."""

import importlib
import pkgutil
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from sqlmodel import Session, select

from api.auth.models import RoleGrant, User
from api.auth.permissions import ClientScope, Role
from api.committees.models import Committee
from tests.factories import auth, client_auth, grant, make_client, make_committee, make_user

USER_CALLERS = (
    "anonymous",
    "network_admin",
    "admin_own",
    "admin_foreign",
    "member_own",
    "member_foreign",
)
# Machine clients: with members:read, members:write and stats:read, bound to the own
# committee's département or to the foreign one's; and bound to the own one with stats:read
# alone (none of the scopes of the members' routes).
CLIENT_CALLERS = ("client_own", "client_foreign", "client_noscope")
CALLERS = USER_CALLERS + CLIENT_CALLERS


@dataclass
class World:
    session: Session
    own: Committee
    foreign: Committee
    users: dict[str, User]
    target_user: User
    target_grant: RoleGrant
    clients: dict[str, uuid.UUID]

    def headers(self, caller: str) -> dict[str, str]:
        if caller == "anonymous":
            return {}
        if caller in self.clients:
            return client_auth(self.clients[caller])
        return auth(self.users[caller])

    def params(self) -> dict[str, str]:
        return {
            "committee_id": str(self.own.id),
            "user_id": str(self.target_user.id),
            "grant_id": str(self.target_grant.id),
            "code": "84",
        }


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def build_world(session: Session) -> World:
    """Two private committees, a user of each role in each, and a target user with a grant
    (the bench builds the same to reach every GET with real ids)."""
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
    scopes = (ClientScope.members_read, ClientScope.members_write, ClientScope.stats_read)
    clients = {
        "client_own": make_client(session, *scopes, department_code="07")[0],
        "client_foreign": make_client(session, *scopes, department_code="33")[0],
        "client_noscope": make_client(session, ClientScope.stats_read, department_code="07")[0],
    }
    return World(session, own, foreign, users, target_user, target_grant, clients)


Body = Callable[[World], Mapping[str, Any]]


@dataclass(frozen=True)
class Row:
    """One endpoint: the status each caller gets.

    `params` builds the path parameters it needs beyond the world's (a meeting of the own
    committee, say) through the factories; `json`/`form` build the request body. A row with a
    `field` is field-level: the route again, with a body that changes only that field, for a
    field whose rule is stricter than the route's (a committee's parent, say)."""

    method: str
    path: str
    expected: Mapping[str, int]
    json: Body | None = None
    form: Body | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    params: Callable[[World], Mapping[str, str]] | None = None
    field: str | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}" + (f" {{{self.field}}}" if self.field else "")


def matrix_rows() -> list[Row]:
    """Every row of the matrix: the `ROWS` of each `rows_<domain>` module beside this one."""
    # Imported here: those modules import this one for `Row`.
    import tests.permissions

    return [
        with_clients(row)
        for module in pkgutil.iter_modules(tests.permissions.__path__)
        if module.name.startswith("rows_")
        for row in importlib.import_module(f"tests.permissions.{module.name}").ROWS
    ]


def with_clients(row: Row) -> Row:
    """The row with the machine clients' statuses: its own table's, else those of
    `clients.CLIENT_STATUSES`, else the rule: outside its scopes a client is refused (403)
    what a member of the same committee may do, and gets what a member would be refused."""
    from tests.permissions.clients import CLIENT_STATUSES

    e = row.expected
    listed = CLIENT_STATUSES.get(row.label)
    if listed is None and all(c in e for c in CLIENT_CALLERS):
        return row
    if listed is not None:
        derived = dict(zip(CLIENT_CALLERS, listed, strict=True))
    else:

        def refused(status: int) -> int:
            return 403 if status < 400 else status

        derived = {
            "client_own": refused(e["member_own"]),
            "client_foreign": e["member_foreign"],
            "client_noscope": refused(e["member_own"]),
        }
    return replace(row, expected={**e, **derived})


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
