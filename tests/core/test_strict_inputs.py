"""Every date, time, number and boolean a route reads is one of `core.schemas`' strict types:
ISO 8601 only and within the calendar's bounds, JSON numbers and booleans taken as they are,
query text read in its one spelling. Derived from the app, so a new input cannot slip in."""

import typing
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

import pytest
from fastapi import params
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from pydantic import (
    AwareDatetime,
    BaseModel,
    FutureDate,
    FutureDatetime,
    NaiveDatetime,
    PastDate,
    PastDatetime,
    TypeAdapter,
    ValidationError,
)
from pydantic.fields import FieldInfo

from api.core.schemas import (
    IsoDate,
    IsoMoment,
    JsonBool,
    JsonFloat,
    JsonInt,
    QueryBool,
    QueryInt,
    StrictInput,
)
from api.main import app

# pydantic's own date types are classes of their own, not subclasses of `date`.
GUARDED = (
    bool, int, float, Decimal, date, datetime, time, timedelta,
    AwareDatetime, NaiveDatetime, PastDate, FutureDate, PastDatetime, FutureDatetime,
)  # fmt: skip


def _markers(metadata: Any) -> Iterator[StrictInput]:
    for item in metadata:
        if isinstance(item, StrictInput):
            yield item
        elif isinstance(item, FieldInfo):
            yield from _markers(item.metadata)


def _leaves(annotation: Any, marks: tuple[StrictInput, ...] = ()) -> Iterator[tuple[Any, tuple]]:
    """Each leaf type of `annotation` with the strict markers around it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        yield from _leaves(inner, marks + tuple(_markers(metadata)))
    elif origin is None:
        yield annotation, marks
    else:
        for arg in typing.get_args(annotation):
            yield from _leaves(arg, marks)


def _faults(where: str, annotation: Any, metadata: Any, place: str) -> Iterator[str]:
    """`where` is "body" or "query" (any text parameter: query, path, header, form)."""
    for leaf, marks in _leaves(annotation, tuple(_markers(metadata))):
        if isinstance(leaf, bool | int | float) and not isinstance(leaf, Enum):
            leaf = type(leaf)  # a value of a Literal: read as its type would be
        if isinstance(leaf, type) and issubclass(leaf, BaseModel):
            yield from _model_faults(leaf, where, place)
        elif (
            isinstance(leaf, type)
            and issubclass(leaf, GUARDED)
            and not any(mark.where in (where, "any") for mark in marks)
        ):
            yield f"{place}: {leaf.__name__} is not a strict {where} type"


_seen: set[type] = set()


def _model_faults(model: type[BaseModel], where: str, place: str) -> Iterator[str]:
    if model in _seen:
        return
    _seen.add(model)
    for name, field in model.model_fields.items():
        yield from _faults(where, field.annotation, field.metadata, f"{model.__name__}.{name}")


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _route_faults() -> Iterator[str]:
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue
        where = f"{sorted(route.methods)[0]} {route.path}"
        for each in _dependants(dependant):
            for param in (*each.query_params, *each.path_params, *each.header_params):
                info = param.field_info
                yield from _faults("query", info.annotation, info.metadata, f"{where} {param.name}")
            for param in each.body_params:
                info = param.field_info
                kind = "query" if isinstance(info, params.Form) else "body"
                yield from _faults(kind, info.annotation, info.metadata, f"{where} {param.name}")


def test_every_input_date_time_number_and_boolean_is_strict() -> None:
    _seen.clear()
    faults = sorted(set(_route_faults()))

    assert faults == []


def test_the_walk_sees_inputs_in_every_shape() -> None:
    class Nested(BaseModel):
        when: date

    class Body(BaseModel):
        count: int
        ok: JsonInt
        maybe: float | None
        items: list[bool]
        nested: Nested
        fine: list[JsonBool] | None
        moment: IsoMoment | None
        years: Literal[1, 3]

    _seen.clear()
    faults = list(dict.fromkeys(_model_faults(Body, "body", "Body")))

    assert faults == [
        "Body.count: int is not a strict body type",
        "Body.maybe: float is not a strict body type",
        "Body.items: bool is not a strict body type",
        "Nested.when: date is not a strict body type",
        "Body.years: int is not a strict body type",
    ]
    assert list(_faults("body", QueryInt, [], "q")) == ["q: int is not a strict body type"]
    assert list(_faults("query", JsonInt, [], "q")) == ["q: int is not a strict query type"]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (IsoDate, "0.5"),
        (IsoDate, 0),
        (IsoDate, "20240101"),
        (IsoDate, "2024-01-01T00:00:00Z"),
        (IsoDate, "0001-01-01"),
        (IsoDate, "9999-12-31"),
        (IsoMoment, "0.5"),
        (IsoMoment, 1_700_000_000),
        (IsoMoment, "2024-01-01"),
        (IsoMoment, "2024-01-01T10:00:00"),  # no offset: which time is it?
        (IsoMoment, "0001-01-01T00:00:00+14:00"),
        (IsoMoment, "9999-12-31T23:59:59-14:00"),
        (JsonInt, True),
        (JsonInt, 1.0),
        (JsonInt, "1"),
        (JsonFloat, True),
        (JsonFloat, "1.5"),
        (JsonFloat, float("nan")),
        (JsonBool, 1),
        (JsonBool, "true"),
        (QueryInt, "1.0"),
        (QueryInt, "1_000"),
        (QueryInt, "0x1"),
        (QueryBool, "1"),
        (QueryBool, "yes"),
    ],
)
def test_lax_spellings_are_refused(kind: Any, value: Any) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(kind).validate_python(value)


@pytest.mark.parametrize(
    ("kind", "value", "read"),
    [
        (IsoDate, "1900-01-01", date(1900, 1, 1)),
        (IsoDate, "2100-12-31", date(2100, 12, 31)),
        (IsoMoment, "2024-03-29T09:30:00+01:00", datetime.fromisoformat("2024-03-29T08:30Z")),
        (JsonInt, 3, 3),
        (JsonFloat, 3, 3.0),
        (JsonFloat, 2.5, 2.5),
        (JsonBool, False, False),
        (QueryInt, "-3", -3),
        (QueryBool, "true", True),
        (QueryBool, "false", False),
    ],
)
def test_the_one_spelling_is_read(kind: Any, value: Any, read: Any) -> None:
    assert TypeAdapter(kind).validate_python(value) == read


def test_openapi_documents_formats_and_ranges() -> None:
    document = app.openapi()
    listing = document["paths"]["/api/v1/committees/{committee_id}/meetings"]["get"]
    since = next(p for p in listing["parameters"] if p["name"] == "from")["schema"]["anyOf"][0]
    body = document["components"]["schemas"]["MembershipEnd"]["properties"]["end_on"]

    assert since["format"] == "date-time"
    assert since["formatMinimum"] == "1900-01-01T00:00:00Z"
    assert body["format"] == "date"
    assert (body["formatMinimum"], body["formatMaximum"]) == ("1900-01-01", "2100-12-31")
