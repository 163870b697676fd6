from datetime import date
from enum import StrEnum

from pydantic import Field

from api.core.schemas import Output
from api.stats.scopes import Scope


class CommitteeStatusCounts(Output):
    """Committees by status; every status is present, zeros included."""

    reflection: int
    construction: int
    active: int
    dormant: int
    closed: int


class CommitteeScaleCounts(Output):
    """Active committees by scale; every scale is present, zeros included."""

    regional: int
    departmental: int
    interdepartmental: int
    local: int


class CommitteeFigures(Output):
    total: int = Field(description="Committees that existed that day (had a status).")
    by_status: CommitteeStatusCounts
    active_by_scale: CommitteeScaleCounts
    active_by_region: dict[str, int] = Field(
        description="Active committees by INSEE region, every region present: a committee "
        "counts in the region it covers, or in its départements' regions (once in each)."
    )


class NetworkFigures(Output):
    """The network on `as_of`, from the committees' status histories."""

    as_of: date
    scope: Scope
    committees: CommitteeFigures
    departments_covered: int = Field(
        description="Départements named in the territory of an active committee (a regional "
        "committee names its region and adds none: it counts in `active_by_region`)."
    )


class Step(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class NetworkTimeline(Output):
    """The same figures on each day of a series: `from`, then every `step` after it, up to
    `to`."""

    scope: Scope
    step: Step
    items: list[NetworkFigures]


class ProgrammeStatusCounts(Output):
    draft: int
    proposed: int
    validated: int
    in_progress: int
    closed: int


class ProgrammeCounts(Output):
    total: int
    by_status: ProgrammeStatusCounts


class MethodStepCounts(Output):
    """Actions at each of the network's seven method steps, zeros included."""

    needs_survey: int
    diagnostics_review: int
    hcts_recommendations: int
    prioritisation: int
    objectives_deliverables: int
    pilot_members: int
    calendar: int


class ActionCounts(Output):
    total: int
    by_method_step: MethodStepCounts
    by_theme: dict[str, int] = Field(description="By theme tag code, every tag of the kind.")
    by_hcts_axis: dict[str, int] = Field(description="By HCTS axis tag code, every one.")
    by_national_strategy: dict[str, int] = Field(
        description="By national strategy tag code, every one."
    )


class DeliverableStatusCounts(Output):
    planned: int
    in_progress: int
    delivered: int
    dropped: int


class DeliverableCounts(Output):
    total: int
    by_status: DeliverableStatusCounts
    overdue: int = Field(description="Due before `as_of` and still planned or in progress.")
    delivered_with_due_date: int
    delivered_on_time: int = Field(description="Delivered on or before their due date.")
    on_time_rate: float | None = Field(
        description="delivered_on_time / delivered_with_due_date; null when none was due."
    )


class ProgrammeFigures(Output):
    """Work programmes the caller may read (validated ones, and every one of the committees
    where they read programmes), in the committees counted."""

    as_of: date
    scope: Scope
    programmes: ProgrammeCounts
    actions: ActionCounts
    deliverables: DeliverableCounts
