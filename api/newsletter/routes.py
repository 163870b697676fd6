"""The network newsletter: logged-in users read published issues; network_admin edits."""

from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import CurrentSubject, HctsManager, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CHANGE,
    CREATE_IN,
    CREATE_UNIQUE,
    DELETE,
    LIST,
    READ_ONE,
    TRANSITION,
    created,
    with_etag,
)
from api.db import ReaderDep, SessionDep
from api.newsletter import service
from api.newsletter.deps import EditedIssue, EditedItem, ShownIssue
from api.newsletter.schemas import (
    IssueCreate,
    IssueDetail,
    IssuePage,
    IssueStatus,
    IssueUpdate,
    ItemCreate,
    ItemPublic,
    ItemUpdate,
)

router = APIRouter(prefix="/newsletter/issues", tags=["newsletter"], dependencies=login_required)


@router.get("", operation_id="newsletter-issues-list", responses=LIST, response_model=IssuePage)
async def list_issues(
    read: ReaderDep,
    subject: CurrentSubject,
    status: IssueStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Published issues, newest number first; network_admin also sees drafts."""
    return await read.page(
        IssuePage,
        partial(service.list_issues, subject=subject, status=status, limit=limit, cursor=cursor),
    )


@router.post("", status_code=201, operation_id="newsletter-issues-create", responses=CREATE_UNIQUE)
def create_issue(
    session: SessionDep,
    _editor: HctsManager,
    body: IssueCreate,
    request: Request,
    response: Response,
) -> IssueDetail:
    """Start a draft issue (network_admin); its number is unique (409)."""
    issue = service.create_issue(session, data=body)
    created(request, response, issue.version, at="newsletter-issues-get", issue_id=issue.id)
    return service.issue_detail(session, issue=issue)


@router.get(
    "/{issue_id}",
    operation_id="newsletter-issues-get",
    responses=READ_ONE,
    response_model=IssueDetail,
)
async def get_issue(issue: ShownIssue) -> Response:
    """An issue with its items in order (a draft: network_admin only)."""
    detail, version = issue
    return respond(IssueDetail, detail, version=version)


@router.patch("/{issue_id}", operation_id="newsletter-issues-update", responses=CHANGE)
def update_issue(
    session: SessionDep,
    issue: EditedIssue,
    changes: IssueUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> IssueDetail:
    """Change an issue's number, title or editorial (network_admin)."""
    updated = service.update_issue(session, issue=issue, data=changes, if_match=if_match)
    return with_etag(response, updated.version, service.issue_detail(session, issue=updated))


@router.delete(
    "/{issue_id}", status_code=204, operation_id="newsletter-issues-delete", responses=DELETE
)
def delete_issue(session: SessionDep, issue: EditedIssue, if_match: IfMatch = None) -> None:
    """Delete a draft issue and its items (409 once published)."""
    service.delete_issue(session, issue=issue, if_match=if_match)


@router.post("/{issue_id}/publish", operation_id="newsletter-issues-publish", responses=TRANSITION)
def publish_issue(
    session: SessionDep, issue: EditedIssue, response: Response, if_match: IfMatch = None
) -> IssueDetail:
    """Publish a draft today (409 if it is published already); its items are then fixed."""
    published = service.publish_issue(session, issue=issue, if_match=if_match)
    return with_etag(response, published.version, service.issue_detail(session, issue=published))


@router.post(
    "/{issue_id}/items",
    status_code=201,
    operation_id="newsletter-items-create",
    responses=CREATE_IN,
)
def create_item(
    session: SessionDep, issue: EditedIssue, body: ItemCreate, response: Response
) -> ItemPublic:
    """Add an item to a draft issue, at the end unless `position` is given."""
    item = service.create_item(session, issue=issue, data=body)
    return with_etag(response, item.version, ItemPublic.model_validate(item))


@router.patch(
    "/{issue_id}/items/{item_id}", operation_id="newsletter-items-update", responses=CHANGE
)
def update_item(
    session: SessionDep,
    issue: EditedIssue,
    item: EditedItem,
    changes: ItemUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ItemPublic:
    """Change or move an item of a draft issue."""
    updated = service.update_item(session, issue=issue, item=item, data=changes, if_match=if_match)
    return with_etag(response, updated.version, ItemPublic.model_validate(updated))


@router.delete(
    "/{issue_id}/items/{item_id}",
    status_code=204,
    operation_id="newsletter-items-delete",
    responses=DELETE,
)
def delete_item(
    session: SessionDep, issue: EditedIssue, item: EditedItem, if_match: IfMatch = None
) -> None:
    """Remove an item from a draft issue."""
    service.delete_item(session, issue=issue, item=item, if_match=if_match)
