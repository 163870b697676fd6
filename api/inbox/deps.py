"""Guard for a committee's inbox (see api.committees.guards)."""

import uuid
from typing import Annotated

from fastapi import Depends

from api.auth.permissions import Permission
from api.committees.guards import committee_id_guard

# The id only: no query when a committee-scoped grant answers (the inbox is read often).
InboxCommittee = Annotated[
    uuid.UUID,
    Depends(
        committee_id_guard(Permission.inbox_read, "Only the committee's admins see its inbox.")
    ),
]
