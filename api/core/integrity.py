"""Deletes the database refuses: rows that other tables still refer to."""

from collections.abc import Callable, Iterable

from sqlalchemy import ColumnElement, Table, and_, literal, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.core.problems import AppError

# What a refusal says: a fixed error, or one built from what the row still holds.
InUse = AppError | Callable[[list[str]], AppError]


def delete_unless_referenced(
    session: Session, row: object, in_use: InUse, *, parts: Iterable[object] = ()
) -> None:
    """Delete `row` (after `parts`, rows of its own it may go with), or raise `in_use` (a 409)
    when a foreign key still refers to it.

    The referring tables belong to domains above the row's own, which it must not query by
    name: their foreign keys refuse instead. Those have no ON DELETE action (NO ACTION), not
    RESTRICT: the check runs at the end of the statement, so a cascade the schema allows (a
    committee's bodies) still goes through. The savepoint keeps the transaction usable on
    PostgreSQL (a failed statement aborts it) and undoes the whole attempt, parts included.
    Given a callable, `in_use` is built from `holdings(session, row)`."""
    parts = list(parts)
    try:
        with session.begin_nested():
            _delete(session, parts)
            session.delete(row)
            session.flush()
    except IntegrityError as error:
        if isinstance(in_use, AppError):
            raise in_use from error
        # Without its parts, which would count as holdings otherwise; then undone again.
        savepoint = session.begin_nested()
        try:
            _delete(session, parts)
            held = holdings(session, row)
        finally:
            savepoint.rollback()
        raise in_use(held) from error


def _delete(session: Session, rows: list[object]) -> None:
    for part in rows:
        session.delete(part)
    session.flush()


def holdings(session: Session, row: object) -> list[str]:
    """The tables whose rows keep `row` from being deleted, as words ("expense claims").

    Read from the schema's foreign keys rather than from a list per domain: a key that
    refuses (NO ACTION, RESTRICT) and has rows names its table; a cascading key is followed to
    what refuses the rows it would delete; SET NULL never refuses. Read only after a refusal,
    so the common path costs nothing; SQLite does not say which key refused."""
    mapper = sa_inspect(row).mapper
    table = mapper.local_table
    assert isinstance(table, Table)
    condition = and_(
        *(
            column == getattr(row, mapper.get_property_by_column(column).key)
            for column in table.primary_key.columns
        )
    )
    return sorted(_holders(session, table, condition, path=(table.name,)))


def _holders(
    session: Session, table: Table, rows: ColumnElement[bool], *, path: tuple[str, ...]
) -> set[str]:
    found: set[str] = set()
    for child in table.metadata.tables.values():
        for key in child.foreign_keys:
            if key.column.table is not table or key.ondelete == "SET NULL":
                continue
            referring = key.parent.in_(select(key.column).where(rows))
            if key.ondelete == "CASCADE":
                if child.name not in path:  # a cascade back into the path would loop
                    found |= _holders(session, child, referring, path=(*path, child.name))
            elif session.execute(
                select(literal(1)).select_from(child).where(referring).limit(1)
            ).first():
                found.add(child.name.replace("_", " "))
    return found
