"""Query steps the services share: whether a row exists, the columns a list answers, the
optional filters of a list (equality, name search), a relation read as a JSON array in its
owner's statement."""

from collections.abc import Callable, Collection
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, ColumnElement, Connection, Select, any_, bindparam
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import Session, SQLModel, col
from sqlmodel.sql.expression import SelectOfScalar

from api.core.problems import AppError
from api.core.text import fold

R = TypeVar("R")
# Any select of any number of columns, SQLModel's too: filtering or joining keeps its type.
Stmt = TypeVar("Stmt", bound=Select[*tuple[Any, ...]])


def exists(session: Session, stmt: SelectOfScalar[Any]) -> bool:
    """Whether `stmt` finds at least one row (reads one at the most)."""
    return session.exec(stmt.limit(1)).first() is not None


def first_or_raise(session: Session, stmt: SelectOfScalar[R], missing: AppError) -> R:
    """The first row `stmt` finds, or `missing` (a 404: absent, or hidden from the caller)."""
    found = session.exec(stmt).first()
    if found is None:
        raise missing
    return found


def columns_for(model: type[SQLModel], public: type[Any]) -> list[Column[Any]]:
    """The table columns a list answers: those the public schema has, in table order."""
    return [
        column
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if column.key in public.model_fields
    ]


def among(
    session: Session | Connection, column: Any, values: Collection[Any]
) -> ColumnElement[bool]:
    """`column IN values`, for the ids of a page (a relation read for all its rows at once).

    On PostgreSQL one array parameter, `= ANY(:values)`: the statement's text stays the same
    whatever the page's size, so it is compiled and parsed once, where an IN list is written
    out again (a parameter each) on every request."""
    column = col(column)
    bind = session if isinstance(session, Connection) else session.get_bind()
    condition: ColumnElement[bool]
    if bind.dialect.name == "postgresql":
        array = bindparam(None, list(values), type_=ARRAY(column.type))
        condition = column == any_(array)
    else:
        condition = column.in_(values)
    return condition


def where_given(stmt: Stmt, *filters: tuple[Any, Any]) -> Stmt:
    """`stmt` narrowed to `column == value` for each (column, value) whose value was given
    (not None); an enum compares by its value."""
    for column, value in filters:
        if value is not None:
            stmt = stmt.where(column == (value.value if isinstance(value, Enum) else value))
    return stmt


def where_search(stmt: Stmt, key: Any, q: str | None) -> Stmt:
    """`stmt` narrowed to the rows whose folded search `key` column contains `q`, if given."""
    if q:
        stmt = stmt.where(col(key).contains(fold(q), autoescape=True))
    return stmt


def searched(key: Any) -> Callable[[Any], ColumnElement[bool]]:
    """A `Prepared` filter: the folded search `key` column contains the bound value, which
    `search_value` gives (`where_search` for a statement built per request)."""
    return lambda value: col(key).contains(value, escape="/")


def search_value(q: str | None) -> str | None:
    """`q` as `searched` binds it: folded, its wildcards escaped (as `contains(autoescape=True)`
    escapes a literal); None when not given."""
    if not q:
        return None
    return fold(q).replace("/", "//").replace("%", "/%").replace("_", "/_")


class Prepared:
    """A list's statement, built once per combination of the filters given, their values
    bound at execution (`paginate(params=...)` pages it without building it again).

    `filters` names each filter's condition on its bound parameter, e.g.
    `kind=lambda value: col(Body.kind) == value`; the parameter takes the compared column's
    type. Calling it with the request's values (None: not given) gives the statement and
    its parameters."""

    def __init__(self, base: Select[Any], **filters: Callable[[Any], ColumnElement[bool]]):
        self.base = base
        self.filters = filters
        self._built: dict[frozenset[str], Select[Any]] = {}

    def __call__(self, **values: Any) -> tuple[Select[Any], dict[str, Any]]:
        params = {
            name: value.value if isinstance(value, Enum) else value
            for name, value in values.items()
            if value is not None
        }
        given = frozenset(params)
        stmt = self._built.get(given)
        if stmt is None:
            stmt = self.base
            for name in self.filters:
                if name in given:
                    stmt = stmt.where(self.filters[name](bindparam(name)))
            self._built[given] = stmt
        return stmt, params


class json_array(FunctionElement[Any]):
    """SQL aggregate: the group's value as a JSON array (each row's values as an array of
    them when several are given), [] for no rows, in the order the rows are read: aggregate
    a sorted subquery (`json_in_order`). A UUID comes back as text (no dashes on SQLite)."""

    type = JSON()
    inherit_cache = True


@compiles(json_array)
def _json_array(element: json_array, compiler: SQLCompiler, **kw: Any) -> str:
    values = compiler.process(element.clauses, **kw)
    value = values if len(element.clauses) == 1 else f"json_array({values})"
    return f"json_group_array({value})"


@compiles(json_array, "postgresql")
def _json_array_postgresql(element: json_array, compiler: SQLCompiler, **kw: Any) -> str:
    values = compiler.process(element.clauses, **kw)
    value = values if len(element.clauses) == 1 else f"json_build_array({values})"
    return f"coalesce(json_agg({value}), '[]')"


def json_in_order(stmt: Select[*tuple[Any, ...]], *outer: Any) -> ScalarSelect[Any]:
    """SQL: the rows of `stmt`, sorted and correlated to the enclosing statement's `outer`
    tables, as a JSON array (`json_array`): a relation read in its owner's statement.

    Both databases aggregate a sorted subquery in its order (SQLite does not flatten it into
    an aggregate; PostgreSQL reads it as it comes), where an aggregate's own ORDER BY is
    PostgreSQL's only."""
    rows = stmt.correlate(*outer).subquery()
    return core_select(json_array(*rows.c)).scalar_subquery()
