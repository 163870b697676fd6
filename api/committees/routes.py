import uuid
from functools import partial
from typing import Any

from fastapi import APIRouter, Request, Response

from api.auth.deps import CurrentSubject, OptionalSubject, PublicRouter, login_required
from api.committees import service, service_list, service_public, service_status
from api.committees.deps import (
    CommitteeCreator,
    DeletableCommittee,
    EditableCommittee,
    StatusManagedCommittee,
)
from api.committees.guards import CommitteeId
from api.committees.schemas import (
    CommitteeCreate,
    CommitteePage,
    CommitteePublic,
    CommitteeStatus,
    CommitteeUpdate,
    Scale,
    StatusChangeCreate,
    StatusHistory,
)
from api.core.clock import today
from api.core.etags import IfMatch
from api.core.exports import (
    AsCsv,
    csv_documented,
    csv_response,
    dated_filename,
)
from api.core.pagination import AsOf, Cursor, Limit, Search
from api.core.reads import respond, respond_page
from api.core.responses import CHANGE, CREATE, DELETE, LIST, READ_ONE, UPDATE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.territories.schemas import InDepartment, InRegion

# Reads are open to anonymous callers (who see public committees only); writes need a login.
public_router = PublicRouter(prefix="/committees", tags=["committees"])
router = APIRouter(prefix="/committees", tags=["committees"], dependencies=login_required)

# The directory as CSV: one row per committee; lists in a cell are separated by spaces
# (codes) or " | " (names).
_CSV_COLUMNS = {
    "id": "the committee's id",
    "name": "its name",
    "short_name": "its short name",
    "scale": "regional, departmental, interdepartmental or local",
    "status": "its status (on `as_of` when asked)",
    "status_since": "since when (YYYY-MM-DD)",
    "region_codes": "INSEE regions, separated by spaces",
    "department_codes": "INSEE départements, separated by spaces",
    "parent_id": "its parent committee's id",
    "carrying_organisations": "the organisations carrying it, separated by ` | `",
    "contact_email": "its contact address",
    "is_public": "true or false",
    "created_at": "when it was recorded (UTC)",
    "updated_at": "when it last changed (UTC)",
}
_CSV_EXAMPLE = "id,name,short_name,scale,status,…\r\n"


@public_router.get(
    "",
    operation_id="committees-list",
    responses=LIST | csv_documented(_CSV_COLUMNS, _CSV_EXAMPLE),
    response_model=CommitteePage,
)
async def list_committees(
    request: Request,
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    status: CommitteeStatus | None = None,
    scale: Scale | None = None,
    region: InRegion = None,
    department: InDepartment = None,
    parent_id: uuid.UUID | None = None,
    q: Search = None,
    as_of: AsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Committees the caller may see, ordered by name. With `as_of`, the committees that
    existed that day, each with the status it had then (from its status history): `status`
    filters on it, and `status` / `status_since` show it; the other fields are today's. As CSV
    (`?format=csv` or `Accept: text/csv`), the page's committees one per row, and the next
    page's address in the `Link` header."""
    filters = service_list.CommitteeFilters(
        status=status,
        scale=scale,
        region=region,
        department=department,
        parent_id=parent_id,
        q=q,
        as_of=as_of,
    )
    listed = partial(
        service_list.list_committees, subject=subject, filters=filters, limit=limit, cursor=cursor
    )
    if as_csv:
        items, next_cursor = await read.using_session(listed)
        answer = csv_response(
            list(_CSV_COLUMNS),
            [_csv_row(item) for item in items],
            dated_filename("committees", as_of or today()),
        )
        if next_cursor is not None:
            answer.headers["Link"] = (
                f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'
            )
        return answer
    return await read.page(CommitteePage, listed)


def _csv_row(item: dict[str, Any]) -> list[Any]:
    cells = {
        **item,
        "region_codes": " ".join(item["region_codes"]),
        "department_codes": " ".join(item["department_codes"]),
        "carrying_organisations": " | ".join(o["name"] for o in item["carrying_organisations"]),
    }
    return [cells[name] for name in _CSV_COLUMNS]


@public_router.get(
    "/{committee_id}",
    operation_id="committees-get",
    responses=READ_ONE,
    response_model=CommitteePublic,
)
async def get_committee(
    read: ReaderDep, committee_id: CommitteeId, subject: OptionalSubject
) -> Response:
    # The guard's read and the answer's in one statement.
    public, version = await read(
        partial(service_public.get_public, committee_id=committee_id, subject=subject)
    )
    return respond(CommitteePublic, public, version=version)


@public_router.get(
    "/{committee_id}/status-history",
    operation_id="committees-status-history",
    responses=READ_ONE,
    response_model=StatusHistory,
)
async def status_history(
    read: ReaderDep, committee_id: CommitteeId, subject: OptionalSubject
) -> Response:
    """Every status the committee has had, oldest first."""
    # The guard's read and the answer's in one statement.
    changes = await read(
        partial(service_status.public_history, committee_id=committee_id, subject=subject)
    )
    return respond_page(StatusHistory, (changes, None))


@router.post("", status_code=201, operation_id="committees-create", responses=CREATE)
def create_committee(
    session: SessionDep,
    subject: CommitteeCreator,
    body: CommitteeCreate,
    request: Request,
    response: Response,
) -> CommitteePublic:
    committee = service.create_committee(session, data=body, actor_id=subject.user_id)
    created(request, response, committee.version, at="committees-get", committee_id=committee.id)
    return service.to_public(session, committee)


@router.patch("/{committee_id}", operation_id="committees-update", responses=UPDATE)
def update_committee(
    session: SessionDep,
    committee: EditableCommittee,
    subject: CurrentSubject,
    body: CommitteeUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> CommitteePublic:
    """Change the committee: only the fields sent. Its admins edit its entry; moving it in the
    network (parent, scale, territories) is a network_admin's decision (403 otherwise)."""
    committee = service.update_committee(
        session, committee=committee, data=body, subject=subject, if_match=if_match
    )
    return with_etag(response, committee.version, service.to_public(session, committee))


@router.delete(
    "/{committee_id}", status_code=204, operation_id="committees-delete", responses=DELETE
)
def delete_committee(
    session: SessionDep, committee: DeletableCommittee, if_match: IfMatch = None
) -> None:
    """Delete a committee created by mistake, still empty (409 naming what it holds once it
    has a history: such a committee is closed through its status, never deleted)."""
    service.delete_committee(session, committee=committee, if_match=if_match)


@router.post("/{committee_id}/status", operation_id="committees-status-change", responses=CHANGE)
def change_status(
    session: SessionDep,
    committee: StatusManagedCommittee,
    subject: CurrentSubject,
    body: StatusChangeCreate,
    response: Response,
    if_match: IfMatch = None,
) -> CommitteePublic:
    """Move the committee to a new status from a given date (409 if the move is not allowed)."""
    committee = service_status.change_status(
        session,
        committee=committee,
        status=body.status,
        effective_on=body.effective_on,
        actor_id=subject.user_id,
        if_match=if_match,
    )
    return with_etag(response, committee.version, service.to_public(session, committee))
