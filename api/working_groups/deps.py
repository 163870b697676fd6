"""Load-or-404 and permission guards for working groups, checked against their committee."""

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission
from api.committees import service as committees
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.db import SessionDep
from api.working_groups.models import WorkingGroup
from api.working_groups.service import WorkingGroupNotFound, find_working_group

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]
WorkingGroupId = Annotated[uuid.UUID, Path(description="The working group's id.")]


def committee_guard(permission: Permission, message: str) -> Callable[..., Committee]:
    """The committee, if the caller holds `permission` on it (404 if they cannot see it)."""

    def dependency(
        session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> Committee:
        committee = committees.get_committee(session, committee_id=committee_id, subject=subject)
        if not subject.can(permission, committee.id):
            raise Forbidden(message)
        return committee

    return dependency


def group_guard(permission: Permission, message: str) -> Callable[..., WorkingGroup]:
    """The group, if the caller holds `permission` on its committee (404 if they cannot see
    the committee)."""

    def dependency(
        session: SessionDep, working_group_id: WorkingGroupId, subject: CurrentSubject
    ) -> WorkingGroup:
        group = find_working_group(session, working_group_id=working_group_id)
        if group is None:
            raise WorkingGroupNotFound()
        try:
            committees.get_committee(session, committee_id=group.committee_id, subject=subject)
        except committees.CommitteeNotFound:
            raise WorkingGroupNotFound() from None
        if not subject.can(permission, group.committee_id):
            raise Forbidden(message)
        return group

    return dependency


_READ = (Permission.working_groups_read, "You may not see this committee's working groups.")
_WRITE = (Permission.working_groups_write, "You do not manage this committee's working groups.")

WorkingGroupsReadable = Annotated[Committee, Depends(committee_guard(*_READ))]
WorkingGroupsEditable = Annotated[Committee, Depends(committee_guard(*_WRITE))]
ReadableWorkingGroup = Annotated[WorkingGroup, Depends(group_guard(*_READ))]
EditableWorkingGroup = Annotated[WorkingGroup, Depends(group_guard(*_WRITE))]
