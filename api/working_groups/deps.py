"""Guards for working groups, checked against their committee (see api.committees.guards)."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.permissions import Permission
from api.committees.guards import Child, child_guard, committee_guard, committee_id_guard
from api.committees.models import Committee
from api.working_groups.models import WorkingGroup
from api.working_groups.service import (
    FoundGroup,
    WorkingGroupNotFound,
    find_public,
    find_working_group,
)

WorkingGroupId = Annotated[uuid.UUID, Path(description="The working group's id.")]
_GROUP = Child("working_group_id", WorkingGroupId, find_working_group, WorkingGroupNotFound)
# Its GET's: the guard's load is the answer's read, one statement.
_ANSWER = Child("working_group_id", WorkingGroupId, find_public, WorkingGroupNotFound)

_READ = (Permission.working_groups_read, "You may not see this committee's working groups.")
_WRITE = (Permission.working_groups_write, "You do not manage this committee's working groups.")

# A GET's: the id only, no query when a committee-scoped grant answers.
WorkingGroupsReadable = Annotated[uuid.UUID, Depends(committee_id_guard(*_READ))]
WorkingGroupsEditable = Annotated[Committee, Depends(committee_guard(*_WRITE))]
ReadableWorkingGroup = Annotated[FoundGroup, Depends(child_guard(_ANSWER, *_READ))]
EditableWorkingGroup = Annotated[WorkingGroup, Depends(child_guard(_GROUP, *_WRITE))]
