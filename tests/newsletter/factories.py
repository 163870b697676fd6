"""Factories for newsletter issues and items, and the contributions and publications items
point to (built from the models: those domains' services are written elsewhere)."""

import itertools
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from api.committees.models import Committee
from api.contributions.models import Contribution
from api.hcts.models import Publication
from api.newsletter.models import NewsletterIssue, NewsletterItem

_counter = itertools.count(1)


def make_issue(session: Session, **overrides: Any) -> NewsletterIssue:
    """A draft issue with the next free number."""
    last = session.exec(select(func.max(NewsletterIssue.number))).one()
    number = overrides.pop("number", (last or 0) + 1)
    fields: dict[str, Any] = {"number": number, "title": f"Lettre du réseau n°{number}"} | overrides
    if fields.get("status") == "published":
        fields.setdefault("published_on", date(2024, 3, 1))
    issue = NewsletterIssue(**fields)
    session.add(issue)
    session.flush()
    return issue


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
    item = NewsletterItem(**fields)
    session.add(item)
    session.flush()
    return item


def make_contribution(
    session: Session, *, committee: Committee, status: str = "submitted", **overrides: Any
) -> Contribution:
    n = next(_counter)
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "kind": "production",
        "title": f"Remontée n°{n}",
        "body": "Ce que le comité a produit.",
        "status": status,
        "status_since": date(2023, 2, 5),
    } | overrides
    contribution = Contribution(**fields)
    session.add(contribution)
    session.flush()
    return contribution


def make_publication(
    session: Session, *, status: str = "published", **overrides: Any
) -> Publication:
    n = next(_counter)
    fields: dict[str, Any] = {
        "kind": "report",
        "status": status,
        "title": f"Rapport du HCTS n°{n}",
        "published_on": date(2023, 1, 15),
    } | overrides
    publication = Publication(**fields)
    session.add(publication)
    session.flush()
    return publication
