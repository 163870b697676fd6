"""Which committees a figure counts: the network's scopes (their rule, api.committees.scopes),
narrowed to a committee or a territory, and the committees whose people the caller reads."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select

from api.auth.permissions import Permission, Subject
from api.committees import service_figures as committees
from api.committees.scopes import SCALES, Scope

__all__ = ["SCALES", "SCOPE_DESCRIPTION", "Counted", "Scope", "readable"]

SCOPE_DESCRIPTION = (
    "Which committees count: `published` (the default), the rule of the network's own "
    "documents, regional, departmental and interdepartmental committees (a local, bassin-de-vie "
    "committee works inside its departmental one and is not counted apart); `all`, every "
    "committee."
)


@dataclass(frozen=True)
class Counted:
    """Which committees a figure counts: a scope, narrowed to one committee (whatever its
    scale), a region (its départements' committees included) or a département."""

    scope: Scope = Scope.published
    committee_id: uuid.UUID | None = None
    region: str | None = None
    department: str | None = None

    @property
    def narrowed(self) -> bool:
        """To one committee or territory, not the whole network."""
        return (self.committee_id, self.region, self.department) != (None, None, None)

    def committee_ids(self, subject: Subject | None, *, active_only: bool = False) -> Select[Any]:
        """SQL: their ids, among those `subject` may see (active today, with `active_only`)."""
        return committees.committee_ids(
            subject=subject,
            scales=SCALES[self.scope],
            committee_id=self.committee_id,
            region=self.region,
            department=self.department,
            active_only=active_only,
        )


def readable(subject: Subject | None, permission: Permission) -> frozenset[uuid.UUID] | None:
    """The committees whose people a figure may count for `subject`: where it holds
    `permission` (reads those people) or `stats:read` (a machine client's: counts them without
    reading them); None: all of them."""
    if subject is None:
        return frozenset()
    if subject.is_network_admin:
        return None
    return subject.committees_where(permission) | subject.committees_where(Permission.stats_read)
