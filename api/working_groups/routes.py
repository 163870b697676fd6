from functools import partial

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from api.auth.deps import CurrentSubject, login_required
from api.auth.permissions import Permission, Subject
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import DELETE, GUARDED, GUARDED_INPUT, UPDATE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.working_groups import service
from api.working_groups.deps import (
    EditableWorkingGroup,
    ReadableWorkingGroup,
    WorkingGroupsEditable,
    WorkingGroupsReadable,
)
from api.working_groups.models import WorkingGroup
from api.working_groups.schemas import (
    WorkingGroupCreate,
    WorkingGroupPage,
    WorkingGroupPublic,
    WorkingGroupStatus,
    WorkingGroupUpdate,
)

# Working groups are members' business: nothing is open to anonymous callers.
router = APIRouter(tags=["working-groups"], dependencies=login_required)


def _shown(session: Session, group: WorkingGroup, subject: Subject) -> WorkingGroupPublic:
    """The group as `subject` may see it: pilots' and members' names only for those who read
    the committee's people."""
    return service.to_public(
        session, group, with_names=subject.can(Permission.people_read, group.committee_id)
    )


@router.get(
    "/committees/{committee_id}/working-groups",
    operation_id="working-groups-list",
    responses=GUARDED_INPUT,
    response_model=WorkingGroupPage,
)
async def list_working_groups(
    read: ReaderDep,
    committee_id: WorkingGroupsReadable,
    subject: CurrentSubject,
    status: WorkingGroupStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's working groups, ordered by title. Pilots' names only for its admins."""
    return await read.page(
        WorkingGroupPage,
        partial(
            service.list_working_groups,
            committee_id=committee_id,
            status=status,
            with_names=subject.can(Permission.people_read, committee_id),
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/committees/{committee_id}/working-groups",
    status_code=201,
    operation_id="working-groups-create",
    responses=GUARDED_INPUT,
)
def create_working_group(
    session: SessionDep,
    committee: WorkingGroupsEditable,
    subject: CurrentSubject,
    body: WorkingGroupCreate,
    request: Request,
    response: Response,
) -> WorkingGroupPublic:
    group = service.create_working_group(session, committee_id=committee.id, data=body)
    created(request, response, group.version, at="working-groups-get", working_group_id=group.id)
    return _shown(session, group, subject)


@router.get(
    "/working-groups/{working_group_id}",
    operation_id="working-groups-get",
    responses=GUARDED,
    response_model=WorkingGroupPublic,
)
async def get_working_group(group: ReadableWorkingGroup, subject: CurrentSubject) -> Response:
    # Pilots' names only for those who read the committee's people (as `_shown`).
    public = group.public(with_names=subject.can(Permission.people_read, group.committee_id))
    return respond(WorkingGroupPublic, public, version=group.version)


@router.patch(
    "/working-groups/{working_group_id}", operation_id="working-groups-update", responses=UPDATE
)
def update_working_group(
    session: SessionDep,
    group: EditableWorkingGroup,
    subject: CurrentSubject,
    changes: WorkingGroupUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> WorkingGroupPublic:
    """Change the fields sent; `pilot_ids` / `member_ids` replace the whole list."""
    group = service.update_working_group(session, group=group, data=changes, if_match=if_match)
    return with_etag(response, group.version, _shown(session, group, subject))


@router.delete(
    "/working-groups/{working_group_id}",
    status_code=204,
    operation_id="working-groups-delete",
    responses=DELETE,
)
def delete_working_group(
    session: SessionDep, group: EditableWorkingGroup, if_match: IfMatch = None
) -> None:
    """Delete a group no programme action refers to (409 otherwise: close it instead)."""
    service.delete_working_group(session, group=group, if_match=if_match)
