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
