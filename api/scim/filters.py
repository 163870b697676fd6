"""SCIM filters (RFC 7644 §3.4.2.2) as SQL conditions: scim2-models parses the grammar into
a tree, this module turns the tree into a SQLAlchemy condition on the columns a resource maps
its attributes to. Rows are never filtered in Python.

Sorting (`sortBy`) reads the same attribute table."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from scim2_models import InvalidFilterException, ScimFilter
from scim2_models.path import (
    AttrPath,
    CompareOperator,
    Comparison,
    FilterNode,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
    ValuePath,
)
from sqlalchemy import ColumnElement, and_, false, func, not_, or_, true


class Kind(Enum):
    string = "string"
    id = "id"  # a UUID, compared exactly
    datetime = "dateTime"


@dataclass(frozen=True)
class Attribute:
    """Where an attribute lives in SQL. `within` wraps a condition on a related table (a
    person's terms) into one on the resource's row (an EXISTS)."""

    column: Any
    kind: Kind = Kind.string
    case_exact: bool = False
    within: Callable[[ColumnElement[bool]], ColumnElement[bool]] | None = None


# An attribute's key: its path, lower-cased, prefixed by its schema unless core
# ("username", "name.givenname", "urn:…:user:category", "urn:…:user:terms.role").
Attributes = Mapping[str, Attribute]


class InvalidFilter(ValueError):
    """The filter cannot be read, or names what cannot be filtered on (scimType invalidFilter)."""


def parse(text: str) -> FilterNode:
    try:
        return ScimFilter(text).ast
    except (InvalidFilterException, ValueError) as error:
        raise InvalidFilter(f"The filter cannot be read: {error}") from error


def key(path: AttrPath, *, core: str, prefix: str | None = None) -> str:
    """The table key of `path`; `prefix`: the multi-valued attribute of a `[...]` selection."""
    name = f"{path.attr}.{path.sub_attr}" if path.sub_attr else path.attr
    if prefix is not None:
        name = f"{prefix}.{name}"
    uri = path.uri
    if uri is not None and uri.lower() != core.lower():
        return f"{uri}:{name}".lower()
    return name.lower()


def condition(node: FilterNode, attributes: Attributes, *, core: str) -> ColumnElement[bool]:
    """The SQL condition of a parsed filter."""
    return _Translator(attributes, core).visit(node, prefix=None, inside=False)


class _Translator:
    def __init__(self, attributes: Attributes, core: str) -> None:
        self.attributes = attributes
        self.core = core

    def visit(self, node: FilterNode, *, prefix: str | None, inside: bool) -> ColumnElement[bool]:
        if isinstance(node, LogicalExpr):
            terms = [self.visit(t, prefix=prefix, inside=inside) for t in node.terms]
            return and_(*terms) if node.op == LogicalOperator.and_ else or_(*terms)
        if isinstance(node, Not):
            return not_(self.visit(node.expr, prefix=prefix, inside=inside))
        if isinstance(node, ValuePath):
            return self._selection(node, prefix=prefix)
        if isinstance(node, Present):
            attribute = self._attribute(node.attr_path, prefix)
            present: ColumnElement[bool] = self._wrap(attribute, _present(attribute), inside)
            return present
        if isinstance(node, Comparison):
            attribute = self._attribute(node.attr_path, prefix)
            compared = _compare(attribute, node.op, node.value, str(node.attr_path))
            wrapped: ColumnElement[bool] = self._wrap(attribute, compared, inside)
            return wrapped
        raise InvalidFilter(f"Unsupported filter expression: {node}.")

    def _selection(self, node: ValuePath, *, prefix: str | None) -> ColumnElement[bool]:
        # `emails[value co "x"]`: the inner filter on the selected attribute's sub-attributes,
        # inside one EXISTS when they live in a related table (all on the same term).
        outer = key(node.attr_path, core=self.core, prefix=prefix)
        inner = self.visit(node.val_filter, prefix=outer, inside=True)
        related = {a.within for k, a in self.attributes.items() if k.startswith(f"{outer}.")}
        wrappers = [w for w in related if w is not None]
        return wrappers[0](inner) if wrappers else inner

    def _attribute(self, path: AttrPath, prefix: str | None) -> Attribute:
        name = key(path, core=self.core, prefix=prefix)
        found = self.attributes.get(name) or self.attributes.get(f"{name}.value")
        if found is None:
            raise InvalidFilter(f"Cannot filter on {path}.")
        return found

    @staticmethod
    def _wrap(attribute: Attribute, inner: ColumnElement[bool], inside: bool) -> Any:
        if attribute.within is None or inside:
            return inner
        return attribute.within(inner)


def _present(attribute: Attribute) -> ColumnElement[bool]:
    column = attribute.column
    if attribute.kind is Kind.string:
        return and_(column.is_not(None), column != "")
    return column.is_not(None)  # type: ignore[no-any-return]


_ORDERING = {
    CompareOperator.gt: "__gt__",
    CompareOperator.ge: "__ge__",
    CompareOperator.lt: "__lt__",
    CompareOperator.le: "__le__",
}


def _compare(attribute: Attribute, op: CompareOperator, value: Any, name: str) -> Any:
    column = attribute.column
    if value is None:
        if op == CompareOperator.eq:
            return column.is_(None)
        if op == CompareOperator.ne:
            return column.is_not(None)
        raise InvalidFilter(f"{op.value} null is meaningless on {name}.")
    if attribute.kind is Kind.id:
        return _compare_id(column, op, value, name)
    if attribute.kind is Kind.datetime:
        return _compare_datetime(column, op, value, name)
    if not isinstance(value, str):
        raise InvalidFilter(f"{name} is a string: compare it with a quoted value.")
    if op in _ORDERING:
        return getattr(column, _ORDERING[op])(value)
    exact = attribute.case_exact
    target = column if exact else func.lower(column)
    text = value if exact else value.lower()
    if op == CompareOperator.eq:
        return target == text
    if op == CompareOperator.ne:
        return or_(column.is_(None), target != text)
    pattern = {
        CompareOperator.co: f"%{_escape(text)}%",
        CompareOperator.sw: f"{_escape(text)}%",
        CompareOperator.ew: f"%{_escape(text)}",
    }[op]
    return target.like(pattern, escape="\\")


def _compare_id(column: Any, op: CompareOperator, value: Any, name: str) -> Any:
    if op not in (CompareOperator.eq, CompareOperator.ne):
        raise InvalidFilter(f"{name} is an id: only eq and ne apply.")
    try:
        wanted = uuid.UUID(str(value))
    except ValueError:
        # No row has an id that is not a UUID.
        return false() if op == CompareOperator.eq else true()
    return column == wanted if op == CompareOperator.eq else column != wanted


def _compare_datetime(column: Any, op: CompareOperator, value: Any, name: str) -> Any:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidFilter(f"{name} is a dateTime: {value!r} is not one.") from error
    if moment.tzinfo is None:
        raise InvalidFilter(f"{name} is a dateTime: give its time zone (Z for UTC).")
    if op == CompareOperator.eq:
        return column == moment
    if op == CompareOperator.ne:
        return column != moment
    if op in _ORDERING:
        return getattr(column, _ORDERING[op])(moment)
    raise InvalidFilter(f"{name} is a dateTime: {op.value} does not apply.")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sort_column(sort_by: str, attributes: Attributes, *, core: str) -> Any:
    """The column `sortBy` names (a single-valued attribute or a multi-valued one's value)."""
    try:
        path = ScimFilter(f"{sort_by} pr").ast
    except (InvalidFilterException, ValueError) as error:
        raise InvalidFilter(f"Cannot sort by {sort_by}.") from error
    assert isinstance(path, Present)
    name = key(path.attr_path, core=core)
    found = attributes.get(name) or attributes.get(f"{name}.value")
    if found is None or found.within is not None:
        raise InvalidFilter(f"Cannot sort by {sort_by}.")
    return found.column
