"""Guard for a committee's inbox (see api.committees.guards)."""

from typing import Annotated

from fastapi import Depends

from api.auth.permissions import Permission
from api.committees.guards import committee_guard
from api.committees.models import Committee

InboxCommittee = Annotated[
    Committee,
    Depends(committee_guard(Permission.inbox_read, "Only the committee's admins see its inbox.")),
]
