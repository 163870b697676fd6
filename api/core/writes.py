"""The steps every service takes to write a row: apply the changes, stamp `updated_at`, flush;
and to insert many rows at once."""

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

import orjson
from pydantic import BaseModel
from sqlalchemy import JSON, Connection, Table, Text, bindparam, cast, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from api.core.clock import utcnow


class Stamped(Protocol):
    updated_at: datetime


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


def insert_rows(
    session: Session | Connection, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """INSERT `rows` (the same columns in each) at once. On PostgreSQL one statement, each
    column's values as one array literal (`INSERT ... SELECT unnest(CAST(:c AS type[]))`):
    one round trip, one parse and one plan, where `executemany` spends them per row (a bulk
    import's ten thousand people, terms and events took seven seconds that way), a
    multi-row VALUES costs SQLAlchemy a bind parameter per value to compile, and the
    driver's own array adaptation escapes each value with a regular expression (two of the
    three seconds left). SQLite, in process: `executemany`."""
    if not rows:
        return
    bind = session if isinstance(session, Connection) else session.get_bind()
    if bind.dialect.name != "postgresql":
        jsons = [name for name in rows[0] if isinstance(table.c[name].type, JSON)]
        if jsons:  # ids and dates in them, as JSON has them
            rows = [{**row, **{n: orjson.loads(_json(row[n])) for n in jsons}} for row in rows]
        session.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    values = []
    for name in names:
        column = table.c[name]
        column_values = [row[name] for row in rows]
        dump = _json_element if isinstance(column.type, JSON) else _dumper(column_values)
        literal = "{" + ",".join([dump(v) for v in column_values]) + "}"
        array = cast(bindparam(name, literal, type_=Text()), ARRAY(column.type))
        values.append(func.unnest(array))
    session.execute(insert(table).from_select(names, select(*values)))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dumper(values: list[Any]) -> Callable[[Any], str]:
    """`_element`, or a quicker one for a column of ids, numbers and dates, or of text (the
    type of its first value; any other value still goes through `_element`)."""
    kind = type(next((v for v in values if v is not None), None))
    if kind in (uuid.UUID, int, date):
        return lambda v: str(v) if type(v) is kind else _element(v)
    if kind is str:
        return lambda v: _quoted(v) if type(v) is str else _element(v)
    return _element


def _element(value: Any) -> str:
    """`value` as an element of a PostgreSQL array literal."""
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return _quoted(value.isoformat())
    if isinstance(value, date | uuid.UUID | int):
        return str(value)
    return _quoted(str(value))


def _json(value: Any) -> str:
    """`value` as JSON text, ids and dates as pydantic writes them (`emit`'s payloads)."""
    return orjson.dumps(value, option=orjson.OPT_UTC_Z).decode()


def _json_element(value: Any) -> str:
    return _quoted(_json(value))


def patch_changes(data: BaseModel) -> dict[str, Any]:
    """The fields a PATCH sent. Its `If-Match` is the service's next step once it has checked
    them (`etags.require_match`): a body at fault is a 422 whatever the ETag."""
    return data.model_dump(exclude_unset=True)


def store(session: Session, row: object) -> None:
    """Write `row` now (a flush): its keys and defaults are set, the constraints checked."""
    session.add(row)
    session.flush()


def save(session: Session, row: Stamped) -> None:
    """Stamp `updated_at` and flush: the UPDATE bumps the row's version (its ETag) even when
    only linked rows changed."""
    row.updated_at = utcnow()
    store(session, row)


def apply_changes(session: Session, row: Stamped, changes: Mapping[str, Any]) -> None:
    """Set each changed field (already checked and converted by the service), then `save`."""
    for field, value in changes.items():
        setattr(row, field, value)
    save(session, row)
