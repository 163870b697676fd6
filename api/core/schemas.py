"""Base classes for request and response bodies, and the field types domains share."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, TypeVar, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AllowInfNan,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from api.core.text import fold


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class Input(BaseModel):
    """A request body: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it here rather than fail in the database.
        if _has_nul(value):
            raise ValueError("text must not contain NUL characters")
        # The documented maxLength holds for the text as sent, before its edges are trimmed.
        if isinstance(value, str) and info.field_name is not None:
            limit = _max_length(cls, info.field_name)
            if limit is not None and len(value) > limit:
                raise ValueError(f"text must have at most {limit} characters")
        return value


@cache
def _max_length(model: type[BaseModel], name: str) -> int | None:
    """The `max_length` of a text field, through `Annotated` and `X | None`."""
    field = model.model_fields[name]
    pending: list[Any] = [*field.metadata, field.annotation]
    while pending:
        item = pending.pop()
        if isinstance(item, StringConstraints) and item.max_length is not None:
            return item.max_length
        if isinstance(getattr(item, "max_length", None), int):
            return int(item.max_length)
        pending.extend(getattr(item, "__metadata__", ()))
        pending.extend(get_args(item))
    return None


class _NotNull:
    """Marks a PATCH field that may be left out but not sent as null."""

    def __repr__(self) -> str:
        return "NotNull"


_NOT_NULL = _NotNull()
_T = TypeVar("_T")
# A PATCH field that may be omitted, never null: `None` in Python means "not sent".
Omittable = Annotated[_T | None, _NOT_NULL]


class PatchInput(Input):
    """A PATCH body: only the fields sent change (`model_dump(exclude_unset=True)`).

    A field typed `T | None` may be sent as null to clear it; an `Omittable[T]` field may be
    left out but null is refused, as the column it writes is not nullable."""

    _not_null: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._not_null = frozenset(
            name for name, field in cls.model_fields.items() if _NOT_NULL in field.metadata
        )

    @field_validator("*", mode="before")
    @classmethod
    def _omittable_not_null(cls, value: Any, info: ValidationInfo) -> Any:
        # Runs only for the fields sent; the error names the field, like any other.
        if value is None and info.field_name in cls._not_null:
            raise ValueError("this field cannot be null")
        return value


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class StrictInput:
    """Marks the input types below; `tests/core/test_strict_inputs.py` fails on an input date,
    time, number or boolean of any route that is not one of them.

    `where` is where the type may be used: "body" (JSON values, taken as they are), "query"
    (text from the URL, read strictly), or "any"."""

    def __init__(self, where: str, json_schema: dict[str, Any] | None = None) -> None:
        self.where = where
        self.json_schema = json_schema or {}

    def __repr__(self) -> str:
        return f"StrictInput({self.where!r})"

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.json_schema)
        return schema


# The calendar the network's records need, and far from `date.min`/`date.max`: an offset
# applied to an edge of Python's calendar overflows (a 500, not a 422).
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
MIN_MOMENT = datetime.combine(MIN_DATE, time.min, UTC)
MAX_MOMENT = datetime.combine(MAX_DATE, time.max, UTC)


def _iso_text(pattern: str, what: str) -> BeforeValidator:
    """Only ISO 8601 text (or a date object from Python callers): pydantic's lax mode would
    read 0, "0" or "0.5" as a Unix timestamp."""

    def check(value: Any) -> Any:
        if isinstance(value, date | datetime):
            return value
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ValueError(f"must be {what}")
        return value

    return BeforeValidator(check)


def _within(low: Any, high: Any, shown: tuple[str, str]) -> AfterValidator:
    def check(value: Any) -> Any:
        # Aware moments compare as instants, without converting (which could overflow).
        if not low <= value <= high:
            raise ValueError(f"must be between {shown[0]} and {shown[1]}")
        return value

    return AfterValidator(check)


_DATE_RANGE = (MIN_DATE.isoformat(), MAX_DATE.isoformat())
_MOMENT_RANGE = ("1900-01-01T00:00:00Z", "2100-12-31T23:59:59.999999Z")

IsoDate = Annotated[
    date,
    _iso_text(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date as YYYY-MM-DD"),
    _within(MIN_DATE, MAX_DATE, _DATE_RANGE),
    StrictInput("any", {"formatMinimum": _DATE_RANGE[0], "formatMaximum": _DATE_RANGE[1]}),
]
"""A calendar date, `YYYY-MM-DD` only, from 1900 to 2100."""

IsoMoment = Annotated[
    AwareDatetime,
    _iso_text(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T.+", "an ISO 8601 time with its offset"),
    _within(MIN_MOMENT, MAX_MOMENT, _MOMENT_RANGE),
    StrictInput("any", {"formatMinimum": _MOMENT_RANGE[0], "formatMaximum": _MOMENT_RANGE[1]}),
]
"""An instant, ISO 8601 with its offset (`2024-03-29T09:30:00+01:00`), from 1900 to 2100."""

# JSON bodies: a number is a JSON number and a boolean a JSON boolean; pydantic's lax mode
# would take `true` as 1, `1.0` as 1 and "12" as 12.
JsonInt = Annotated[int, Strict(), StrictInput("body")]
JsonFloat = Annotated[float, Strict(), AllowInfNan(False), StrictInput("body")]
JsonBool = Annotated[bool, Strict(), StrictInput("body")]


class _Checked(StrictInput):
    """A strict type whose check runs before pydantic reads the value; `None` passes, for
    optional parameters. Put it after any bounds (`Annotated[int, Query(ge=1), QUERY_INT]`):
    in front of them, pydantic documents `ge` instead of `minimum`."""

    def __init__(self, where: str, check: Callable[[Any], Any]) -> None:
        super().__init__(where)
        self.check = check

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def check(value: Any) -> Any:
            return value if value is None else self.check(value)

        return core_schema.no_info_before_validator_function(check, handler(source))


def _json_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError("must be a whole number")


def _decimal_text(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    # Lax mode would also read "1e2", "1_0" and " 12.50 ".
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        raise ValueError("must be a decimal number, such as 12.50")
    return value


def _query_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # Digits only: lax mode would also read "1.0", "1_000" and " 1 ".
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value):
        return int(value)
    raise ValueError("must be a whole number")


def _query_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    # Lax mode would also read "1", "yes", "on", "t"…
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("must be true or false")


# A `Literal` of numbers takes no `Strict()`; lax, it reads `true` as 1.
JSON_INT_ONLY = _Checked("body", _json_int)
# Money: a JSON number, or a string of digits that keeps its exact decimals ("12.50").
JSON_DECIMAL = _Checked("body", _decimal_text)
JsonDecimal = Annotated[Decimal, JSON_DECIMAL]

# Query parameters arrive as text: read, but only in their one spelling.
QUERY_INT = _Checked("query", _query_int)
QueryInt = Annotated[int, QUERY_INT]
QueryBool = Annotated[bool, _Checked("query", _query_bool)]


def _http_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError as error:
        raise ValueError("not a valid URL") from error
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// URL")
    if any(c.isspace() for c in value):
        raise ValueError("a URL cannot contain spaces")
    return value


HttpUrl = Annotated[
    str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_http_url)
]


# Text widths several domains share (each matches the column it writes).
Label = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Heading = Annotated[str, StringConstraints(min_length=1, max_length=300)]
ShortLabel = Annotated[str, StringConstraints(min_length=1, max_length=100)]
LongText = Annotated[str, StringConstraints(max_length=10_000)]
Note = Annotated[str, StringConstraints(max_length=2_000)]


def _distinct_themes(themes: list[str]) -> list[str]:
    """First spelling wins; "Accès aux droits" and "acces aux droits" are one theme."""
    seen: dict[str, str] = {}
    for theme in themes:
        seen.setdefault(fold(theme), theme)
    return list(seen.values())


Theme = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Themes = Annotated[
    list[Theme],
    Field(
        max_length=20,
        description="At most 20 short themes (80 characters each); repeats (ignoring case "
        "and accents) are dropped.",
    ),
    AfterValidator(_distinct_themes),
]
