"""Deliverables of actions; reads are public for published programmes (see deps.can_read)."""

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.auth.deps import OptionalSubject, PublicRouter, login_required
from api.committees.guards import ReadableCommitteeId
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_IN, DELETE, LIST_IN, READ_ONE, created, with_etag
from api.core.schemas import QueryBool
from api.db import ReaderDep, SessionDep
from api.programmes import service_deliverables as service
from api.programmes.deps import (
    ReadableActionAnswer,
    ReadableDeliverableAnswer,
    WritableAction,
    WritableDeliverable,
)
from api.programmes.schemas_deliverables import (
    DeliverableCreate,
    DeliverablePage,
    DeliverablePublic,
    DeliverableStatus,
    DeliverableUpdate,
)

public_router = PublicRouter(tags=["deliverables"])
router = APIRouter(tags=["deliverables"], dependencies=login_required)

Overdue = Annotated[
    QueryBool | None,
    Query(description="Only late deliverables (true) or only those that are not (false)."),
]


@public_router.get(
    "/actions/{action_id}/deliverables",
    operation_id="deliverables-list",
    responses=LIST_IN,
    response_model=DeliverablePage,
)
async def list_deliverables(
    read: ReaderDep,
    found: ReadableActionAnswer,
    overdue: Overdue = None,
    status: DeliverableStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The action's deliverables by due date (undated ones last), then id."""
    return await read.page(
        DeliverablePage,
        partial(
            service.list_deliverables,
            action_id=found.public["id"],
            filters=service.DeliverableFilters(overdue=overdue, status=status),
            limit=limit,
            cursor=cursor,
        ),
    )


@public_router.get(
    "/committees/{committee_id}/deliverables",
    operation_id="deliverables-list-committee",
    responses=LIST_IN,
    response_model=DeliverablePage,
)
async def list_committee_deliverables(
    read: ReaderDep,
    committee_id: ReadableCommitteeId,
    subject: OptionalSubject,
    overdue: Overdue = None,
    status: DeliverableStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The deliverables of all the committee's programmes the caller may read (drafts and
    proposals only for its members and admins), by due date (undated last), then id."""
    return await read.page(
        DeliverablePage,
        partial(
            service.list_committee_deliverables,
            committee_id=committee_id,
            subject=subject,
            filters=service.DeliverableFilters(overdue=overdue, status=status),
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/actions/{action_id}/deliverables",
    status_code=201,
    operation_id="deliverables-create",
    responses=CREATE_IN,
)
def create_deliverable(
    session: SessionDep,
    found: WritableAction,
    body: DeliverableCreate,
    request: Request,
    response: Response,
) -> DeliverablePublic:
    """Add a deliverable (409 once the programme is validated: its content is locked)."""
    deliverable = service.create_deliverable(
        session, action=found.action, programme=found.programme, data=body
    )
    created(
        request, response, deliverable.version, at="deliverables-get", deliverable_id=deliverable.id
    )
    return service.to_public(session, deliverable)


@public_router.get(
    "/deliverables/{deliverable_id}",
    operation_id="deliverables-get",
    responses=READ_ONE,
    response_model=DeliverablePublic,
)
async def get_deliverable(found: ReadableDeliverableAnswer) -> Response:
    return respond(DeliverablePublic, found.public, version=found.version)


@router.patch(
    "/deliverables/{deliverable_id}", operation_id="deliverables-update", responses=CHANGE
)
def update_deliverable(
    session: SessionDep,
    found: WritableDeliverable,
    body: DeliverableUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> DeliverablePublic:
    """Change title, kind or due date only while the programme is draft or proposed (409
    after); status, delivery date and link until it is closed."""
    deliverable = service.update_deliverable(
        session,
        deliverable=found.deliverable,
        programme=found.programme,
        data=body,
        if_match=if_match,
    )
    return with_etag(response, deliverable.version, service.to_public(session, deliverable))


@router.delete(
    "/deliverables/{deliverable_id}",
    status_code=204,
    operation_id="deliverables-delete",
    responses=DELETE,
)
def delete_deliverable(
    session: SessionDep, found: WritableDeliverable, if_match: IfMatch = None
) -> None:
    """Remove a deliverable (409 once the programme is validated)."""
    service.delete_deliverable(
        session, deliverable=found.deliverable, programme=found.programme, if_match=if_match
    )
