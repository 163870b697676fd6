"""Newsletter issues and items (built from the models, for speed)."""

import itertools
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from api.newsletter.models import NewsletterIssue, NewsletterItem
from tests.factories import save

_counter = itertools.count(1)


def make_issue(session: Session, **overrides: Any) -> NewsletterIssue:
    """A draft issue with the next free number."""
    last = session.exec(select(func.max(NewsletterIssue.number))).one()
    number = overrides.pop("number", (last or 0) + 1)
    fields: dict[str, Any] = {"number": number, "title": f"Lettre du réseau n°{number}"} | overrides
    if fields.get("status") == "published":
        fields.setdefault("published_on", date(2024, 3, 1))
    return save(session, NewsletterIssue(**fields))


def make_item(session: Session, *, issue: NewsletterIssue, **overrides: Any) -> NewsletterItem:
    """A text item at the end of the issue."""
    last = session.exec(
        select(func.max(NewsletterItem.position)).where(NewsletterItem.issue_id == issue.id)
    ).one()
    n = next(_counter)
    fields: dict[str, Any] = {
        "issue_id": issue.id,
        "position": (last or 0) + 1,
        "kind": "text",
        "title": f"Brève n°{n}",
    } | overrides
    return save(session, NewsletterItem(**fields))
