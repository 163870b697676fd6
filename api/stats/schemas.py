import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field

from api.core.schemas import Output
from api.stats.scopes import Scope

SUPPRESSED = Field(
    description="The figures shown as null by statistical secrecy, by their path in this answer "
    "(`members.by_category.student`): callers who read none of the people counted get the "
    "network's figures with no count of people from 1 to 10, nothing that gives one back, and "
    "no share or rate computed from one (README, 'Statistical secrecy'). Empty for the others, "
    "who see every figure."
)


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


class Delay(Output):
    count: int = Field(description="Contributions that had this step.")
    median_days: int | None = Field(description="Median days from submission (nearest rank).")
    p90_days: int | None = Field(description="90th percentile of the days (nearest rank).")


class YearResponseTimes(Output):
    year: int = Field(description="The year of submission.")
    submitted: int
    first_move: Delay = Field(description="To HCTS's first step (acknowledged or closed).")
    answer: Delay = Field(description="To HCTS's answer (taken up, answered or declined).")


class ContributionFigures(Output):
    total: int
    by_kind: dict[str, int] = Field(description="Every kind, zeros included.")
    by_status: dict[str, int] = Field(description="Every status, zeros included.")
    response_times: list[YearResponseTimes]


class PublicationRelays(Output):
    publication_id: uuid.UUID
    title: str
    published_on: date
    committees_relaying: int
    share_of_active_committees: float | None = Field(
        description="Active committees counted that relayed it, over all of them."
    )


class CommitteeRelays(Output):
    committee_id: uuid.UUID
    publications_relayed: int


class RelayFigures(Output):
    active_committees: int = Field(description="Committees counted, active today.")
    by_publication: list[PublicationRelays] = Field(description="Published ones, newest first.")
    by_committee: list[CommitteeRelays] = Field(description="Every committee counted.")


class CommitteeAttendance(Output):
    committee_id: uuid.UUID
    registered: int = Field(description="People it registered to seminars.")
    present: int = Field(description="Of them, present.")
    seminars_attended: int = Field(description="Seminars where one of them at least was.")


class LiaisonFigures(Output):
    """HCTS liaison, over what the caller may read in the committees counted; for callers who
    read no committee's candidatures or registrations, over every public committee counted,
    under statistical secrecy (see `suppressed`)."""

    as_of: date
    scope: Scope
    contributions: ContributionFigures
    candidatures: dict[str, int | None] = Field(description="By status, zeros included.")
    relays: RelayFigures
    seminar_attendance: list[CommitteeAttendance] = Field(
        description="Committees whose registrations the caller reads, with any registration; "
        "empty for callers who read none (people by committee are not public)."
    )
    suppressed: list[str] = SUPPRESSED


class Retention(Output):
    cohort: int | None = Field(description="People whose first term began a year or more before.")
    stayed: int | None = Field(description="Of them, those in a term a year after it began.")
    rate: float | None


class MemberFigures(Output):
    """People in a term on `as_of` (each counted once)."""

    total: int | None
    by_category: dict[str, int | None] = Field(description="Every person category, zeros included.")
    share_person_supported: float | None
    share_social_worker: float | None
    organisations: int = Field(description="Distinct organisations the members come from.")
    retention: Retention


class NamedAttendance(Output):
    by_status: dict[str, int | None] = Field(description="Every attendance status, zeros included.")
    present_by_category: dict[str, int | None] = Field(description="Present, by person category.")
    attendance_rate: float | None = Field(
        description="Present over present, excused and absent (registered: not recorded yet)."
    )
    share_person_supported: float | None = Field(description="Of those present.")
    share_social_worker: float | None = Field(description="Of those present.")


class HeadcountFigures(Output):
    meetings: int = Field(description="Meetings counted by a headcount.")
    by_group: dict[str, int | None] = Field(description="Their headcounts, by group.")


class MeetingFigures(Output):
    meetings: int = Field(description="Meetings held in the period.")
    named: NamedAttendance
    headcounts: HeadcountFigures
    present_by_group: dict[str, int | None] = Field(
        description="Everyone present, by headcount group: the headcount of a meeting that has "
        "one, its named attendance mapped to groups (README, 'person categories and headcount "
        "groups') otherwise; every group, zeros included."
    )


class GroupBy(StrEnum):
    committee = "committee"
    meeting = "meeting"
    body_kind = "body_kind"
    month = "month"
    category = "category"


class ParticipationGroup(Output):
    """One group's figures: `members` on `as_of` (none by meeting or month), the meetings of the
    period (none by category), and their named attendance."""

    group: str = Field(
        description="A committee id, a meeting id, a body kind, a month (YYYY-MM, Paris) or a "
        "person category."
    )
    members: int | None = Field(description="People in a term on `as_of`, each once.")
    share_person_supported: float | None = Field(description="Of the members.")
    share_social_worker: float | None = Field(description="Of the members.")
    meetings: int | None = Field(description="Meetings held in the period.")
    present: int = Field(description="Named attendance: present.")
    recorded: int = Field(description="Named attendance: present, excused or absent.")
    attendance_rate: float | None = Field(description="present / recorded.")
    present_share_person_supported: float | None = Field(description="Of those present.")
    present_share_social_worker: float | None = Field(description="Of those present.")


class ParticipationFigures(Output):
    """Members on `as_of` and meetings from `period_start` to `period_end`, in the committees
    counted whose members (and attendance) the caller reads; for callers who read none, in
    every public committee counted, under statistical secrecy (see `suppressed`)."""

    as_of: date
    period_start: date
    period_end: date
    scope: Scope
    members: MemberFigures
    meetings: MeetingFigures
    group_by: GroupBy | None
    groups: list[ParticipationGroup] = Field(
        description="With `group_by`, the figures of each group that has any, in group order; "
        "empty otherwise."
    )
    suppressed: list[str] = SUPPRESSED
