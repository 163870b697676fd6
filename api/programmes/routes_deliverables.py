"""Deliverables of actions; reads are public for published programmes (see deps.can_read)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.deps import OptionalSubject, login_required
from api.committees.deps import ReadableCommittee
from api.core.etags import IfMatch, set_etag
from api.core.pagination import Cursor, Limit
from api.core.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    Unauthorized,
    problem_responses,
)
from api.db import SessionDep
from api.programmes import service_deliverables as service
from api.programmes.deps import (
    ReadableAction,
    ReadableDeliverable,
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

public_router = APIRouter()
router = APIRouter(dependencies=login_required)

Overdue = Annotated[
    bool | None,
    Query(description="Only late deliverables (true) or only those that are not (false)."),
]


@public_router.get(
    "/actions/{action_id}/deliverables",
    response_model=DeliverablePage,
    tags=["deliverables"],
    operation_id="deliverables-list",
    responses=problem_responses(Unauthorized, NotFound, InvalidInput),
)
def list_deliverables(
    session: SessionDep,
    found: ReadableAction,
    overdue: Overdue = None,
    status: DeliverableStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliverablePage:
    """The action's deliverables by due date (undated ones last), then id."""
    items, next_cursor = service.list_deliverables(
        session,
        action_id=found.action.id,
        filters=service.DeliverableFilters(overdue=overdue, status=status),
        limit=limit,
        cursor=cursor,
    )
    return DeliverablePage(items=items, next_cursor=next_cursor)


@public_router.get(
    "/committees/{committee_id}/deliverables",
    response_model=DeliverablePage,
    tags=["deliverables"],
    operation_id="deliverables-list-committee",
    responses=problem_responses(Unauthorized, NotFound, InvalidInput),
)
def list_committee_deliverables(
    session: SessionDep,
    committee: ReadableCommittee,
    subject: OptionalSubject,
    overdue: Overdue = None,
    status: DeliverableStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliverablePage:
    """The deliverables of all the committee's programmes the caller may read (drafts and
    proposals only for its members and admins), by due date (undated last), then id."""
    items, next_cursor = service.list_committee_deliverables(
        session,
        committee_id=committee.id,
        subject=subject,
        filters=service.DeliverableFilters(overdue=overdue, status=status),
        limit=limit,
        cursor=cursor,
    )
    return DeliverablePage(items=items, next_cursor=next_cursor)


@router.post(
    "/actions/{action_id}/deliverables",
    response_model=DeliverablePublic,
    status_code=status.HTTP_201_CREATED,
    tags=["deliverables"],
    operation_id="deliverables-create",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict, InvalidInput),
)
def create_deliverable(
    session: SessionDep, found: WritableAction, body: DeliverableCreate, response: Response
) -> DeliverablePublic:
    """Add a deliverable (409 once the programme is validated: its content is locked)."""
    deliverable = service.create_deliverable(
        session, action=found.action, programme=found.programme, data=body
    )
    set_etag(response, deliverable.version)
    response.headers["Location"] = f"/api/v1/deliverables/{deliverable.id}"
    return service.to_public(session, deliverable)


@public_router.get(
    "/deliverables/{deliverable_id}",
    response_model=DeliverablePublic,
    tags=["deliverables"],
    operation_id="deliverables-get",
    responses=problem_responses(Unauthorized, NotFound),
)
def get_deliverable(
    session: SessionDep, found: ReadableDeliverable, response: Response
) -> DeliverablePublic:
    set_etag(response, found.deliverable.version)
    return service.to_public(session, found.deliverable)


@router.patch(
    "/deliverables/{deliverable_id}",
    response_model=DeliverablePublic,
    tags=["deliverables"],
    operation_id="deliverables-update",
    responses=problem_responses(
        Unauthorized, Forbidden, NotFound, Conflict, InvalidInput, PreconditionFailed
    ),
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
    set_etag(response, deliverable.version)
    return service.to_public(session, deliverable)


@router.delete(
    "/deliverables/{deliverable_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["deliverables"],
    operation_id="deliverables-delete",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed),
)
def delete_deliverable(
    session: SessionDep, found: WritableDeliverable, if_match: IfMatch = None
) -> None:
    """Remove a deliverable (409 once the programme is validated)."""
    service.delete_deliverable(
        session, deliverable=found.deliverable, programme=found.programme, if_match=if_match
    )
