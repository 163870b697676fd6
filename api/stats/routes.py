from calendar import monthrange
from datetime import date, timedelta
from functools import partial
from typing import Annotated, Any

from fastapi import Query, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from api.auth.deps import OptionalSubject, PublicRouter
from api.bodies.schemas import BodyKind
from api.committees.schemas import CommitteeStatus, Scale
from api.core.clock import today
from api.core.exports import (
    LONG_COLUMNS,
    AsCsv,
    csv_documented,
    csv_response,
    dated_filename,
    long_rows,
)
from api.core.pagination import AsOf
from api.core.reads import respond
from api.core.responses import LIST
from api.core.schemas import IsoDate
from api.db import ReaderDep
from api.stats import (
    service_liaison,
    service_network,
    service_participation,
    service_programmes,
)
from api.stats.deps import CountedQuery, ScopeQuery
from api.stats.schemas import (
    GroupBy,
    LiaisonFigures,
    NetworkFigures,
    NetworkTimeline,
    ParticipationFigures,
    ProgrammeFigures,
    Step,
)
from api.stats.scopes import Scope
from api.stats.secrecy import with_cells
from api.territories.service import reference

public_router = PublicRouter(prefix="/stats", tags=["stats"])

# Marks the cells statistical secrecy hides, for the CSV.
_HIDDEN = object()
# A series longer than this is a mistake (a century by month), not a question.
MOST_POINTS = 1200
_MONTHS = {Step.month: 1, Step.quarter: 3, Step.year: 12}

# The CSV's columns: one row per day.
_NETWORK_COLUMNS = {
    "as_of": "the day (YYYY-MM-DD)",
    "scope": "`published` or `all`",
    "total": "committees that existed that day",
    **{f"{s}": f"committees in status {s} that day" for s in CommitteeStatus},
    **{f"active_{s}": f"active committees of scale {s}" for s in Scale},
    "active_region_<code>": "active committees of each INSEE region, one column per region "
    "in code order",
    "departments_covered": "départements named in an active committee's territory",
}
_LONG_COLUMNS = {
    "as_of": "the day",
    "scope": "`published` or `all`",
    **LONG_COLUMNS,
    "suppressed": "`true` when statistical secrecy hides the value (README, 'Statistical "
    "secrecy'), `false` otherwise",
}
_LONG_EXAMPLE = (
    "as_of,scope,figure,group,value,suppressed\r\n"
    "2026-11-29,published,programmes_total,,12,false\r\n"
    "2026-11-29,published,programmes_by_status,draft,3,false\r\n"
)
_CSV_EXAMPLE = (
    "as_of,scope,total,reflection,construction,active,dormant,closed,active_regional,…\r\n"
    "2024-01-15,published,30,11,0,19,0,0,4,…\r\n"
)


@public_router.get(
    "/network",
    operation_id="stats-network",
    response_model=NetworkFigures,
    responses=LIST | csv_documented(_NETWORK_COLUMNS, _CSV_EXAMPLE),
)
async def network(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    as_of: AsOf = None,
    scope: ScopeQuery = Scope.published,
) -> Response:
    """Committees by status, active ones by scale and by region, and the départements
    covered, as they were on `as_of` (today by default), from the status histories."""
    day = as_of or today()
    (figures,) = await read.using_session(
        partial(service_network.network_figures, days=[day], scope=scope, subject=subject)
    )
    if as_csv:
        return _csv([figures], dated_filename("network", day))
    return respond(NetworkFigures, figures)


@public_router.get(
    "/network/timeline",
    operation_id="stats-network-timeline",
    response_model=NetworkTimeline,
    responses=LIST | csv_documented(_NETWORK_COLUMNS, _CSV_EXAMPLE),
)
async def network_timeline(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    start: Annotated[
        IsoDate | None,
        Query(
            alias="from",
            description="The first day of the series; by default, twelve steps before `to`.",
        ),
    ] = None,
    end: Annotated[
        IsoDate | None,
        Query(alias="to", description="The series stops on or before this day; today by default."),
    ] = None,
    step: Annotated[Step, Query(description="The time between two days of the series.")] = (
        Step.month
    ),
    scope: ScopeQuery = Scope.published,
) -> Response:
    """The network's figures (as `/stats/network` gives them) on `from`, then every `step`
    after it (the same day of the month, or the month's last when it has no such day), up to
    `to`: one statement per breakdown, whatever the number of days."""
    last = end or today()
    first = start or _months_after(last, -12 * _MONTHS[step])
    days = series(first, last, step)
    figures = await read.using_session(
        partial(service_network.network_figures, days=days, scope=scope, subject=subject)
    )
    if as_csv:
        return _csv(figures, dated_filename("network-timeline", first, last))
    return respond(NetworkTimeline, {"scope": scope, "step": step, "items": figures})


@public_router.get(
    "/programmes",
    operation_id="stats-programmes",
    response_model=ProgrammeFigures,
    responses=LIST | csv_documented(_LONG_COLUMNS, _LONG_EXAMPLE),
)
async def programmes(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    counted: CountedQuery,
) -> Response:
    """Work programmes by status, their actions by method step and by tag (theme, HCTS axis,
    national strategy), their deliverables by status, overdue today and delivered on time;
    over the programmes the caller may read (validated ones; every one of the committees
    where they read programmes) in the committees counted."""
    read_figures = partial(service_programmes.programme_figures, subject=subject, counted=counted)
    figures = await read.using_session(read_figures)
    return _answer(ProgrammeFigures, figures, "programmes", as_csv)


@public_router.get(
    "/liaison",
    operation_id="stats-liaison",
    response_model=LiaisonFigures,
    responses=LIST | csv_documented(_LONG_COLUMNS, _LONG_EXAMPLE),
)
async def liaison(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    counted: CountedQuery,
) -> Response:
    """HCTS liaison: contributions by kind and status and, per year of submission, the days
    HCTS took to make its first move and to answer (median and 90th percentile); candidatures
    by status; for each publication, the committees that relayed it and the share of active
    ones; per committee, the publications it relayed and its seminar attendance. Each figure
    counts what the caller may read (a committee admin: their committees' contributions,
    candidatures and registrations; a network admin: everything). Callers who read no
    committee's candidatures or registrations get the submitted contributions and the
    candidatures of every public committee under statistical secrecy, no seminar attendance,
    and no committee or territory filter (403)."""
    read_figures = partial(service_liaison.liaison_figures, subject=subject, counted=counted)
    figures = await read.using_session(read_figures)
    return _answer(LiaisonFigures, figures, "liaison", as_csv)


@public_router.get(
    "/participation",
    operation_id="stats-participation",
    response_model=ParticipationFigures,
    responses=LIST | csv_documented(_LONG_COLUMNS, _LONG_EXAMPLE),
)
async def participation(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: OptionalSubject,
    counted: CountedQuery,
    as_of: AsOf = None,
    start: Annotated[
        IsoDate | None,
        Query(alias="from", description="The period's first day; by default a year before `to`."),
    ] = None,
    end: Annotated[
        IsoDate | None, Query(alias="to", description="The period's last day; today by default.")
    ] = None,
    body_kind: Annotated[BodyKind | None, Query(description="Only bodies of this kind.")] = None,
    group_by: Annotated[
        GroupBy | None,
        Query(
            description="Also give the figures of each committee, meeting, body kind, month of "
            "the period or person category, under `groups` (for those who read the members)."
        ),
    ] = None,
) -> Response:
    """Members on `as_of` by category, the shares of people supported and of social workers,
    the organisations they come from and how many stayed a year after their first term; the
    meetings of the period, their named attendance by status and category (the attendance
    rate), their headcounts, and everyone present by headcount group, events with and without
    names together. People are counted: committee admins count their own committees, network
    admins every one; callers who read no committee's members get the figures of the whole
    network under statistical secrecy, and no committee or territory filter (403)."""
    last = end or today()
    first = start or _months_after(last, -12) + timedelta(days=1)
    if last < first:
        raise _invalid("to", "`to` must be on or after `from`.")
    read_figures = partial(
        service_participation.participation_figures, subject=subject, counted=counted,
        body_kind=body_kind, group_by=group_by, on=as_of or today(), start=first, end=last,
    )  # fmt: skip
    figures = await read.using_session(read_figures)
    return _answer(ParticipationFigures, figures, "participation", as_csv)


def _answer(schema: type[BaseModel], figures: dict[str, Any], name: str, as_csv: bool) -> Response:
    """The figures as `schema` says, or as CSV: one row per figure and group."""
    if not as_csv:
        return respond(schema, figures)
    hidden = figures.get("suppressed", [])
    found = {k: v for k, v in figures.items() if k not in ("as_of", "scope", "suppressed")}
    rows = [
        (figures["as_of"], figures["scope"], figure, group, None if hide else value, hide)
        for figure, group, value in long_rows(with_cells(found, hidden, _HIDDEN))
        for hide in [value is _HIDDEN]
    ]
    filename = dated_filename(name, figures["as_of"])
    return csv_response(list(_LONG_COLUMNS), rows, filename)


def series(start: date, end: date, step: Step) -> list[date]:
    """`start`, then every `step` after it, up to `end`; a 422 when `end` is before `start` or
    the series would be too long."""
    if end < start:
        raise _invalid("to", "`to` must be on or after `from`.")
    months = _MONTHS[step]
    count = ((end.year - start.year) * 12 + end.month - start.month) // months + 1
    if count > MOST_POINTS:
        raise _invalid(
            "step", f"The series would have {count} days (at most {MOST_POINTS}): take a longer "
            "step or a shorter period.",
        )  # fmt: skip
    days = [_months_after(start, n * months) for n in range(count)]
    return [day for day in days if day <= end]


def _months_after(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _invalid(name: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", name), "msg": message, "type": "value_error"}])


def _csv(figures: list[dict[str, Any]], filename: str) -> Response:
    regions = sorted(reference().regions)
    header = [
        "as_of", "scope", "total", *CommitteeStatus, *(f"active_{s}" for s in Scale),
        *(f"active_region_{code}" for code in regions), "departments_covered",
    ]  # fmt: skip
    return csv_response(header, [_row(f, regions) for f in figures], filename)


def _row(figures: dict[str, Any], regions: list[str]) -> list[Any]:
    committees = figures["committees"]
    return [
        figures["as_of"],
        figures["scope"],
        committees["total"],
        *(committees["by_status"][s] for s in CommitteeStatus),
        *(committees["active_by_scale"][s] for s in Scale),
        *(committees["active_by_region"][code] for code in regions),
        figures["departments_covered"],
    ]
