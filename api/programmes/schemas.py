import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import Heading as TagLabel
from api.core.schemas import Input, LongText, Note, Omittable, Output, PatchInput
from api.core.schemas import Label as Theme
from api.core.schemas import Label as Title


class ProgrammeStatus(StrEnum):
    draft = "draft"
    proposed = "proposed"
    validated = "validated"
    in_progress = "in_progress"
    closed = "closed"


class MethodStep(StrEnum):
    """The network's seven-step method."""

    needs_survey = "needs_survey"
    diagnostics_review = "diagnostics_review"
    hcts_recommendations = "hcts_recommendations"
    prioritisation = "prioritisation"
    objectives_deliverables = "objectives_deliverables"
    pilot_members = "pilot_members"
    calendar = "calendar"


class TagKind(StrEnum):
    hcts_axis = "hcts_axis"
    national_strategy = "national_strategy"
    theme = "theme"


TagCode = Annotated[
    str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9_.-]*$")
]


# --- programmes ---------------------------------------------------------------------------


class ProgrammeCreate(Input):
    title: Title
    period_start: date
    period_end: date
    drafted_on: date | None = Field(
        default=None, description="When drafting began (the first transition); defaults to today."
    )

    @model_validator(mode="after")
    def _period(self) -> "ProgrammeCreate":
        if self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        return self


class ProgrammeUpdate(PatchInput):
    """Only the fields sent are changed; none of them may be null."""

    title: Omittable[Title] = None
    period_start: Omittable[date] = None
    period_end: Omittable[date] = None


class ProgrammePublic(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    title: str
    period_start: date
    period_end: date
    status: ProgrammeStatus
    created_at: datetime
    updated_at: datetime


class ProgrammePage(Page[ProgrammePublic]):
    pass


class ProgrammeTransitionCreate(Input):
    status: ProgrammeStatus
    effective_on: date | None = Field(
        default=None, description="Defaults to today; not in the future, not before the last."
    )
    meeting_id: uuid.UUID | None = Field(
        default=None,
        description="The meeting that decided it (a COTECH's for 'proposed', a COPIL's for "
        "'validated').",
    )
    note: Note | None = None


class ProgrammeTransitionPublic(Output):
    status: ProgrammeStatus
    effective_on: date
    actor_id: uuid.UUID | None
    meeting_id: uuid.UUID | None
    note: str | None
    recorded_at: datetime


class ProgrammeTransitionHistory(Page[ProgrammeTransitionPublic]):
    pass


# --- actions ------------------------------------------------------------------------------


class ActionCreate(Input):
    title: Title
    theme: Theme | None = None
    objectives: LongText | None = None
    method_step: MethodStep
    pilot_person_id: uuid.UUID | None = None
    working_group_id: uuid.UUID | None = None
    tag_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)


class ActionUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field; `tag_ids` replaces
    the whole set."""

    title: Omittable[Title] = None
    theme: Theme | None = None
    objectives: LongText | None = None
    method_step: Omittable[MethodStep] = None
    pilot_person_id: uuid.UUID | None = None
    working_group_id: uuid.UUID | None = None
    tag_ids: Omittable[list[uuid.UUID]] = Field(default=None, max_length=50)
    position: Omittable[int] = Field(default=None, ge=1, le=100_000)


class ActionPublic(Output):
    id: uuid.UUID
    programme_id: uuid.UUID
    position: int
    title: str
    theme: str | None
    objectives: str | None
    method_step: MethodStep
    pilot_person_id: uuid.UUID | None
    working_group_id: uuid.UUID | None
    tag_ids: list[uuid.UUID]
    created_at: datetime
    updated_at: datetime


class ActionPage(Page[ActionPublic]):
    pass


# --- tags ---------------------------------------------------------------------------------


class TagCreate(Input):
    kind: TagKind
    code: TagCode
    label: TagLabel


class TagPublic(Output):
    id: uuid.UUID
    kind: TagKind
    code: str
    label: str


class TagPage(Page[TagPublic]):
    pass
