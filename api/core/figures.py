"""SQL the figures of several domains share, the same on SQLite and PostgreSQL: days between
two dates, and nearest-rank percentiles per group with window functions (SQLite has no
percentile_cont)."""

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, false, func, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class days_between(FunctionElement[int]):
    """SQL: whole days from the second date to the first."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "postgresql")
def _days_pg(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(later, **kw)})"
        f" - julianday({compiler.process(earlier, **kw)}) AS INTEGER)"
    )


def percentiles(values: Any, groups: list[str], value: str, *quantiles: int) -> Any:
    """SQL: per group of the `values` subquery (its `groups` columns), the count of its rows and
    the nearest-rank percentile of `value` for each of `quantiles` (in %): the smallest value
    whose rank is at least q% of the count (the median of 1, 2, 3, 4 is 2)."""
    within = [values.c[g] for g in groups]
    ranked = select(
        *within,
        values.c[value].label("value"),
        func.row_number().over(partition_by=within, order_by=values.c[value]).label("rank"),
        func.count().over(partition_by=within).label("n"),
    ).subquery("ranked")
    keys = [ranked.c[g] for g in groups]
    return select(
        *keys,
        func.count(),
        *(
            func.min(case((ranked.c.rank * 100 >= q * ranked.c.n, ranked.c.value))).label(f"p{q}")
            for q in quantiles
        ),
    ).group_by(*keys)


def within(committee: Any, committees: Collection[uuid.UUID] | None) -> ColumnElement[bool]:
    """SQL: `committee` (a column) is one of `committees`; None stands for every committee."""
    if committees is None:
        return true()
    return committee.in_(sorted(committees)) if committees else false()
