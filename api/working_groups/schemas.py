import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from api.core.pagination import Page
from api.core.schemas import Input, IsoDate, Omittable, Output, PatchInput
from api.core.schemas import Label as Theme
from api.core.schemas import Label as Title
from api.core.schemas import LongText as Mandate


class WorkingGroupStatus(StrEnum):
    planned = "planned"
    active = "active"
    paused = "paused"
    closed = "closed"


def _no_duplicates(values: list[uuid.UUID] | None) -> list[uuid.UUID] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError("ids must not repeat")
    return values


def _dates_in_order(start_on: date | None, end_on: date | None) -> None:
    if start_on is not None and end_on is not None and end_on < start_on:
        raise ValueError("end_on must not be before start_on")


class WorkingGroupCreate(Input):
    title: Title
    mandate: Mandate | None = None
    theme: Theme | None = None
    status: WorkingGroupStatus = WorkingGroupStatus.planned
    start_on: IsoDate | None = None
    end_on: IsoDate | None = None
    pilot_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=20,
        description="Ids of people who hold or held a membership in the committee.",
    )
    member_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=500,
        description="Ids of people who hold or held a membership in the committee.",
    )

    _unique_ids = field_validator("pilot_ids", "member_ids")(_no_duplicates)

    @model_validator(mode="after")
    def _check_dates(self) -> "WorkingGroupCreate":
        _dates_in_order(self.start_on, self.end_on)
        return self


class WorkingGroupUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field. `pilot_ids` and
    `member_ids` replace the whole list."""

    title: Omittable[Title] = None
    mandate: Mandate | None = None
    theme: Theme | None = None
    status: Omittable[WorkingGroupStatus] = None
    start_on: IsoDate | None = None
    end_on: IsoDate | None = None
    pilot_ids: Omittable[list[uuid.UUID]] = Field(default=None, max_length=20)
    member_ids: Omittable[list[uuid.UUID]] = Field(default=None, max_length=500)

    _unique_ids = field_validator("pilot_ids", "member_ids")(_no_duplicates)


class PilotSummary(Output):
    id: uuid.UUID
    first_name: str
    last_name: str


class WorkingGroupPublic(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    title: str
    mandate: str | None
    theme: str | None
    status: WorkingGroupStatus
    start_on: date | None
    end_on: date | None
    pilot_ids: list[uuid.UUID] = Field(description="Person ids.")
    member_ids: list[uuid.UUID] = Field(description="Person ids.")
    pilots: list[PilotSummary] | None = Field(
        description="The pilots' names: shown to the committee's admins and network admins "
        "only (personal data); null for other readers, who get `pilot_ids`."
    )
    created_at: datetime
    updated_at: datetime


class WorkingGroupPage(Page[WorkingGroupPublic]):
    pass
