"""After every test, whatever it wrote: the members' spans and day counts kept with the writes
are those computed again from the terms (api.memberships.spans), and the attendance tallies
those counted again from the attendance (api.meetings.tallies). A write path that forgets them
fails the test that took it."""

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from api.memberships import spans
from api.memberships.models import MemberDayCount, MemberSpan, OrganisationDayCount
from tests.meetings import tallies_helpers


def aggregates_kept(connection: Connection) -> None:
    if not connection.in_transaction():
        return
    try:
        live = _live(connection)
        expected, days, organisations = spans.computed(connection)
        tallied = tallies_helpers.kept(connection)
        attendance = tallies_helpers.recounted(connection)
    except DBAPIError:  # the test left its transaction failed (PostgreSQL): nothing to read
        return
    assert tallied == attendance, "the attendance tallies kept differ from the attendance"
    kept_spans, kept_days, kept_organisations = live
    assert kept_spans == _sorted(expected), "the members' spans kept differ from the terms'"
    assert kept_days == {k: tuple(v) for k, v in days.changed()}, "the day counts differ"
    assert kept_organisations == {k: tuple(v) for k, v in organisations.changed()}, (
        "the organisations' day counts differ"
    )


def _live(connection: Connection) -> tuple[list[tuple[str, ...]], dict[Any, Any], dict[Any, Any]]:
    table = MemberSpan.__table__  # type: ignore[attr-defined]
    kept = connection.execute(select(*(table.c[c] for c in spans._SPAN_COLUMNS)))
    days = MemberDayCount.__table__.c  # type: ignore[attr-defined]
    organisations = OrganisationDayCount.__table__.c  # type: ignore[attr-defined]
    return (
        _sorted(dict(row._mapping) for row in kept),
        {
            (r.unit, r.category, r.day): (r.delta, r.firsts, r.stayed)
            for r in connection.execute(
                select(days.unit, days.category, days.day, days.delta, days.firsts, days.stayed)
            )
            if (r.delta, r.firsts, r.stayed) != (0, 0, 0)
        },
        {
            (r.unit, r.organisation_id, r.day): (r.delta,)
            for r in connection.execute(
                select(
                    organisations.unit,
                    organisations.organisation_id,
                    organisations.day,
                    organisations.delta,
                )
            )
            if r.delta != 0
        },
    )


def _sorted(rows: Any) -> list[tuple[str, ...]]:
    return sorted(tuple(str(row[c]) for c in spans._SPAN_COLUMNS) for row in rows)
