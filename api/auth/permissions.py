"""Roles map to permissions as plain data; `Subject.can` is the one place they are checked."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    network_admin = "network_admin"
    committee_admin = "committee_admin"
    member = "member"


class Permission(StrEnum):
    committee_read = "committee:read"
    committee_create = "committee:create"
    committee_update = "committee:update"
    committee_status = "committee:status"
    committee_delete = "committee:delete"
    users_manage = "users:manage"


# Committee-scoped roles grant these on the committees they name; network_admin has all, everywhere.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.network_admin: frozenset(Permission),
    Role.committee_admin: frozenset(
        {Permission.committee_read, Permission.committee_update, Permission.committee_status}
    ),
    Role.member: frozenset({Permission.committee_read}),
}


@dataclass(frozen=True)
class Subject:
    """Who is calling: a user with their grants, resolved once per request."""

    user_id: uuid.UUID
    email: str
    is_network_admin: bool = False
    committee_roles: Mapping[uuid.UUID, frozenset[Role]] = field(default_factory=dict)

    def can(self, permission: Permission, committee_id: uuid.UUID | None = None) -> bool:
        if self.is_network_admin:
            return True
        if committee_id is None:
            return False
        roles = self.committee_roles.get(committee_id, frozenset())
        return any(permission in ROLE_PERMISSIONS[role] for role in roles)

    def committees_where(self, permission: Permission) -> frozenset[uuid.UUID]:
        """The committees on which a committee-scoped role grants `permission`."""
        return frozenset(
            committee_id
            for committee_id, roles in self.committee_roles.items()
            if any(permission in ROLE_PERMISSIONS[role] for role in roles)
        )
