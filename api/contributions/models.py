import uuid
from datetime import date, datetime

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from api.core.models import (
    Timestamped,
    Versioned,
    json_list_field,
    now_field,
    one_of,
    optional_ref,
    ref,
    uuid_pk,
)

CONTRIBUTION_KINDS = (
    "field_question", "inspiring_practice", "production", "proposal", "emerging_issue",
)  # fmt: skip
CONTRIBUTION_STATUSES = (
    "draft", "submitted", "acknowledged", "taken_up", "answered", "declined",
)  # fmt: skip


class Contribution(Versioned, Timestamped, table=True):
    __tablename__ = "contributions"
    __table_args__ = (
        one_of("kind", CONTRIBUTION_KINDS),
        one_of("status", CONTRIBUTION_STATUSES),
        Index(None, "committee_id", "created_at", "id"),
        # The network's list, newest first, without sorting every contribution.
        Index(None, "created_at", "id"),
        Index(None, "status", "status_since"),
    )

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    kind: str = Field(sa_type=String(30))
    title: str = Field(sa_type=String(300))
    body: str = Field(sa_type=Text)
    links: list[str] = json_list_field()
    themes: list[str] = json_list_field()
    deliverable_id: uuid.UUID | None = optional_ref("deliverables.id", index=True)
    status: str = Field(default="draft", sa_type=String(20))
    status_since: date
    response: str | None = Field(default=None, sa_type=Text)  # HCTS's answer
    created_by: uuid.UUID | None = optional_ref("users.id")


class ContributionTransition(SQLModel, table=True):
    """One step of the lifecycle, dated (`effective_on` may be back-dated to record history)."""

    __tablename__ = "contribution_transitions"
    __table_args__ = (
        one_of("to_status", CONTRIBUTION_STATUSES),
        Index(None, "contribution_id", "recorded_at", "id"),
    )

    id: uuid.UUID = uuid_pk()
    contribution_id: uuid.UUID = ref("contributions.id", ondelete="CASCADE")
    from_status: str | None = Field(default=None, sa_type=String(20))
    to_status: str = Field(sa_type=String(20))
    effective_on: date
    recorded_at: datetime = now_field()
    by_user_id: uuid.UUID | None = optional_ref("users.id")
    response: str | None = Field(default=None, sa_type=Text)
