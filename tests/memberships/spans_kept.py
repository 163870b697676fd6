"""After every test, whatever it wrote: the members' spans kept with the writes are those
computed again from the terms (api.memberships.spans). A write path that forgets them fails
the test that took it."""

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from api.memberships import spans
from api.memberships.models import MemberSpan

_COLUMNS = [
    "person_id", "committee_id", "network", "start_on", "end_on", "leading", "stayed",
    "category", "organisation_id",
]  # fmt: skip


def spans_kept(connection: Connection) -> None:
    if not connection.in_transaction():
        return
    try:
        live = connection.execute(select(*(MemberSpan.__table__.c[c] for c in _COLUMNS))).all()  # type: ignore[attr-defined]
        expected = spans.computed(connection)
    except DBAPIError:  # the test left its transaction failed (PostgreSQL): nothing to read
        return
    assert _sorted(dict(zip(_COLUMNS, row, strict=True)) for row in live) == _sorted(expected), (
        "the members' spans kept differ from those computed from the terms"
    )


def _sorted(rows: Any) -> list[tuple[str, ...]]:
    return sorted(tuple(str(row[c]) for c in _COLUMNS) for row in rows)
