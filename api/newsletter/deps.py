"""Load `{issue_id}` / `{item_id}`; drafts are seen and everything is written by network_admin."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject, hcts_managed
from api.db import SessionDep
from api.newsletter import service
from api.newsletter.models import NewsletterIssue, NewsletterItem

IssueId = Annotated[uuid.UUID, Path(description="The issue's id.")]
ItemId = Annotated[uuid.UUID, Path(description="The item's id.")]


def load_issue(session: SessionDep, issue_id: IssueId, subject: CurrentSubject) -> NewsletterIssue:
    """A published issue, or a draft for network_admin (404 otherwise)."""
    return service.find_issue(session, issue_id=issue_id, subject=subject)


ReadableIssue = Annotated[NewsletterIssue, Depends(load_issue)]
EditedIssue = Annotated[NewsletterIssue, Depends(hcts_managed(load_issue))]


def load_edited_item(session: SessionDep, issue: EditedIssue, item_id: ItemId) -> NewsletterItem:
    return service.find_item(session, issue=issue, item_id=item_id)


EditedItem = Annotated[NewsletterItem, Depends(load_edited_item)]
