"""HCTS axes, publications and their relays by committees: request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import (
    HttpUrl,
    Input,
    IsoDate,
    JsonInt,
    LongText,
    Note,
    Omittable,
    Output,
    PatchInput,
    Themes,
)


class PublicationKind(StrEnum):
    report = "report"
    opinion = "opinion"
    practice_sheet = "practice_sheet"
    guide = "guide"
    recommendation = "recommendation"
    news = "news"


class PublicationStatus(StrEnum):
    draft = "draft"
    published = "published"


class RelayChannel(StrEnum):
    mailing_list = "mailing_list"
    meeting = "meeting"
    event = "event"
    website = "website"
    social_media = "social_media"
    other = "other"


Year = Annotated[JsonInt, Field(ge=1900, le=2100)]
AxisCode = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
    Field(description="A short unique code, e.g. `2020-axe-1`."),
]
Position = Annotated[JsonInt, Field(ge=0, le=10_000)]
Url = Annotated[HttpUrl, Field(description="Where the publication can be read (http or https).")]


# --- axes -----------------------------------------------------------------------------------


class AxisCreate(Input):
    code: AxisCode
    title: Title
    description: LongText | None = None
    starts_in: Year
    ends_in: Year | None = None
    position: Position = 0

    @model_validator(mode="after")
    def _years(self) -> "AxisCreate":
        if self.ends_in is not None and self.ends_in < self.starts_in:
            raise ValueError("ends_in must not be before starts_in")
        return self


class AxisUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the description or the end year."""

    code: Omittable[AxisCode] = None
    title: Omittable[Title] = None
    description: LongText | None = None
    starts_in: Omittable[Year] = None
    ends_in: Year | None = None
    position: Omittable[Position] = None


class AxisPublic(Output):
    id: uuid.UUID
    code: str
    title: str
    description: str | None
    starts_in: int
    ends_in: int | None
    position: int
    created_at: datetime
    updated_at: datetime


class AxisPage(Page[AxisPublic]):
    pass


# --- publications ---------------------------------------------------------------------------


class PublicationCreate(Input):
    kind: PublicationKind
    title: Title
    summary: LongText | None = None
    published_on: IsoDate = Field(description="The document's own date.")
    url: Url | None = None
    themes: Themes = Field(default_factory=list)
    axis_id: uuid.UUID | None = None


class PublicationUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the summary, URL or axis."""

    kind: Omittable[PublicationKind] = None
    title: Omittable[Title] = None
    summary: LongText | None = None
    published_on: Omittable[IsoDate] = None
    url: Url | None = None
    themes: Omittable[Themes] = None
    axis_id: uuid.UUID | None = None


class PublicationPublic(Output):
    id: uuid.UUID
    kind: PublicationKind
    status: PublicationStatus
    title: str
    summary: str | None
    published_on: date
    url: str | None
    themes: list[str]
    axis_id: uuid.UUID | None
    published_at: datetime | None = Field(description="When it was published in ancrage.")
    relay_count: int = Field(description="How many committees relayed it.")
    created_at: datetime
    updated_at: datetime


class PublicationPage(Page[PublicationPublic]):
    pass


# --- relays ---------------------------------------------------------------------------------


class RelayCreate(Input):
    committee_id: uuid.UUID = Field(description="The committee that relayed the publication.")
    relayed_on: IsoDate = Field(description="Not in the future, not before the publication's date.")
    channel: RelayChannel
    meeting_id: uuid.UUID | None = Field(
        default=None,
        description="The committee's meeting where it was presented: `relayed_on` is one of "
        "its days.",
    )
    note: Note | None = None


class RelayPublic(Output):
    id: uuid.UUID
    publication_id: uuid.UUID
    publication_title: str
    publication_kind: PublicationKind
    committee_id: uuid.UUID
    committee_name: str
    committee_short_name: str | None
    relayed_on: date
    channel: RelayChannel
    meeting_id: uuid.UUID | None
    note: str | None
    created_at: datetime


class RelayPage(Page[RelayPublic]):
    pass
