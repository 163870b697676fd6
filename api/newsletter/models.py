import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlmodel import Field

from api.core.models import Timestamped, Versioned, one_of, optional_ref, ref, uuid_pk

ISSUE_STATUSES = ("draft", "published")
ITEM_KINDS = ("contribution", "publication", "event", "text")


class NewsletterIssue(Versioned, Timestamped, table=True):
    __tablename__ = "newsletter_issues"
    __table_args__ = (one_of("status", ISSUE_STATUSES),)

    id: uuid.UUID = uuid_pk()
    number: int = Field(unique=True)
    title: str = Field(sa_type=String(300))
    editorial: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="draft", sa_type=String(20))
    published_on: date | None = None


class NewsletterItem(Versioned, Timestamped, table=True):
    """An entry of an issue; it may point to a contribution, a publication or a committee's
    event (a meeting). A target deleted later leaves the item as text."""

    __tablename__ = "newsletter_items"
    __table_args__ = (
        one_of("kind", ITEM_KINDS),
        CheckConstraint("contribution_id IS NULL OR kind = 'contribution'", name="contribution"),
        CheckConstraint("publication_id IS NULL OR kind = 'publication'", name="publication"),
        CheckConstraint("meeting_id IS NULL OR kind = 'event'", name="event"),
        Index(None, "issue_id", "position", unique=True),
    )

    id: uuid.UUID = uuid_pk()
    issue_id: uuid.UUID = ref("newsletter_issues.id", ondelete="CASCADE")
    position: int
    kind: str = Field(sa_type=String(20))
    title: str = Field(sa_type=String(300))
    text: str | None = Field(default=None, sa_type=Text)
    contribution_id: uuid.UUID | None = optional_ref("contributions.id", index=True)
    publication_id: uuid.UUID | None = optional_ref("hcts_publications.id", index=True)
    meeting_id: uuid.UUID | None = optional_ref("meetings.id", index=True)
