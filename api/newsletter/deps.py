"""Load `{issue_id}` / `{item_id}`; drafts are seen and everything is written by network_admin."""

import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject, hcts_managed
from api.db import ReaderDep, SessionDep, run_check
from api.newsletter import service
from api.newsletter.models import NewsletterIssue, NewsletterItem

IssueId = Annotated[uuid.UUID, Path(description="The issue's id.")]
ItemId = Annotated[uuid.UUID, Path(description="The item's id.")]


async def load_issue(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    issue_id: IssueId,
    subject: CurrentSubject,
) -> NewsletterIssue:
    """A published issue, or a draft for network_admin (404 otherwise)."""
    check = partial(service.find_issue, issue_id=issue_id, subject=subject)
    return await run_check(request, read, session, check)


async def _shown(
    read: ReaderDep, issue_id: IssueId, subject: CurrentSubject
) -> tuple[dict[str, Any], int]:
    """A GET's guard and answer in one statement: the issue with its items, and its version."""
    return await read(partial(service.read_issue, issue_id=issue_id, subject=subject))


ShownIssue = Annotated[tuple[dict[str, Any], int], Depends(_shown)]
EditedIssue = Annotated[NewsletterIssue, Depends(hcts_managed(load_issue))]


def load_edited_item(session: SessionDep, issue: EditedIssue, item_id: ItemId) -> NewsletterItem:
    return service.find_item(session, issue=issue, item_id=item_id)


EditedItem = Annotated[NewsletterItem, Depends(load_edited_item)]
