"""The network newsletter: issues made of items. Request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import Input, JsonInt, Omittable, Output, PatchInput


class IssueStatus(StrEnum):
    draft = "draft"
    published = "published"


class ItemKind(StrEnum):
    contribution = "contribution"
    publication = "publication"
    event = "event"
    text = "text"


Text = Annotated[str, StringConstraints(max_length=50_000)]
Number = Annotated[JsonInt, Field(ge=1, le=1_000_000, description="The issue's number (unique).")]
MAX_POSITION = 100_000
Position = Annotated[
    JsonInt,
    Field(
        ge=1,
        le=MAX_POSITION,
        description="Place in the issue; an item already there and those after it move down.",
    ),
]


class IssueCreate(Input):
    number: Number
    title: Title
    editorial: Text | None = None


class IssueUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the editorial."""

    number: Omittable[Number] = None
    title: Omittable[Title] = None
    editorial: Text | None = None


class ItemCreate(Input):
    """`contribution_id` for a contribution (submitted, not a draft), `publication_id` for a
    published HCTS publication, `meeting_id` for an event; a text item points to nothing."""

    kind: ItemKind
    title: Title
    text: Text | None = None
    contribution_id: uuid.UUID | None = None
    publication_id: uuid.UUID | None = None
    meeting_id: uuid.UUID | None = None
    position: Position | None = Field(default=None, description="Omitted: after the last item.")


class ItemUpdate(PatchInput):
    """Only the fields sent are changed. Changing `kind` drops a target of the former kind."""

    kind: Omittable[ItemKind] = None
    title: Omittable[Title] = None
    text: Text | None = None
    contribution_id: uuid.UUID | None = None
    publication_id: uuid.UUID | None = None
    meeting_id: uuid.UUID | None = None
    position: Omittable[Position] = None


class ItemPublic(Output):
    id: uuid.UUID
    issue_id: uuid.UUID
    position: int
    kind: ItemKind
    title: str
    text: str | None
    contribution_id: uuid.UUID | None
    publication_id: uuid.UUID | None
    meeting_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class IssuePublic(Output):
    id: uuid.UUID
    number: int
    title: str
    editorial: str | None
    status: IssueStatus
    published_on: date | None
    created_at: datetime
    updated_at: datetime


class IssueDetail(IssuePublic):
    items: list[ItemPublic] = Field(description="In order of position.")


class IssuePage(Page[IssuePublic]):
    pass
