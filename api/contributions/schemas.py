"""Contributions (*remontées*) and their lifecycle: request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import HttpUrl, Input, IsoDate, Omittable, Output, PatchInput, Themes


class ContributionKind(StrEnum):
    field_question = "field_question"
    inspiring_practice = "inspiring_practice"
    production = "production"
    proposal = "proposal"
    emerging_issue = "emerging_issue"


class ContributionStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    acknowledged = "acknowledged"
    taken_up = "taken_up"
    answered = "answered"
    declined = "declined"


def _unique_links(links: list[str]) -> list[str]:
    return list(dict.fromkeys(links))


Body = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Link = HttpUrl
Links = Annotated[
    list[Link],
    Field(max_length=20, description="At most 20 http(s) URLs; duplicates are dropped."),
    AfterValidator(_unique_links),
]
ResponseText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class ContributionCreate(Input):
    committee_id: uuid.UUID
    kind: ContributionKind
    title: Title
    body: Body
    links: Links = Field(default_factory=list)
    themes: Themes = Field(default_factory=list)
    deliverable_id: uuid.UUID | None = Field(
        default=None, description="A deliverable of one of this committee's work programmes."
    )
    drafted_on: IsoDate | None = Field(
        default=None,
        description="When drafting began (the first transition, to record past contributions); "
        "defaults to today, not in the future.",
    )


class ContributionUpdate(PatchInput):
    """Only the fields sent are changed (drafts only); `null` clears `deliverable_id`;
    `links` and `themes` replace the whole list."""

    kind: Omittable[ContributionKind] = None
    title: Omittable[Title] = None
    body: Omittable[Body] = None
    links: Omittable[Links] = None
    themes: Omittable[Themes] = None
    deliverable_id: uuid.UUID | None = None


class ContributionPublic(Output):
    """A contribution, with the date of each step of its lifecycle it went through
    (`null` for the steps it has not reached)."""

    id: uuid.UUID
    committee_id: uuid.UUID
    kind: ContributionKind
    title: str
    body: str
    links: list[str]
    themes: list[str]
    deliverable_id: uuid.UUID | None
    status: ContributionStatus = Field(
        description="Today's status; in a list asked `as_of` a day, the status on that day."
    )
    status_since: date = Field(description="Since when the contribution has had `status`.")
    response: str | None = Field(description="HCTS's latest response.")
    created_by: uuid.UUID | None = Field(description="The user (a login id, not a person id).")
    created_at: datetime
    updated_at: datetime
    drafted_on: date | None = Field(description="When drafting began.")
    submitted_on: date | None = Field(description="When the committee sent it to HCTS.")
    acknowledged_on: date | None = Field(description="When HCTS acknowledged it.")
    closed_on: date | None = Field(
        description="When HCTS took it up, answered or declined it (see `status`)."
    )


class ContributionPage(Page[ContributionPublic]):
    pass


class ContributionTransitionCreate(Input):
    to: ContributionStatus
    response: ResponseText | None = Field(
        default=None,
        description="HCTS's response: required for `answered` and `declined`, optional for "
        "`acknowledged` and `taken_up`, refused for `submitted`.",
    )
    effective_on: IsoDate | None = Field(
        default=None,
        description="Defaults to today; not in the future, not before the previous step.",
    )


class ContributionTransitionPublic(Output):
    # Read back as written (a client's model of the answer takes `from` and `to`).
    model_config = ConfigDict(from_attributes=True, validate_by_name=True, validate_by_alias=True)

    id: uuid.UUID
    contribution_id: uuid.UUID
    from_status: ContributionStatus | None = Field(alias="from")
    to_status: ContributionStatus = Field(alias="to")
    effective_on: date
    recorded_at: datetime
    by_user_id: uuid.UUID | None
    response: str | None


class ContributionTransitionHistory(Page[ContributionTransitionPublic]):
    pass
