"""Base classes for request and response bodies, and the field types domains share."""

import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

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
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it here rather than fail in the database.
        if _has_nul(value):
            raise ValueError("text must not contain NUL characters")
        return value


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


def _iso_text(pattern: str, what: str) -> BeforeValidator:
    """Only ISO 8601 text (or a date object from Python callers): pydantic's lax mode would
    read 0 or "0" as a Unix timestamp."""

    def check(value: Any) -> Any:
        if isinstance(value, date | datetime):
            return value
        if not isinstance(value, str) or not re.match(pattern, value):
            raise ValueError(f"must be {what}")
        return value

    return BeforeValidator(check)


IsoDate = Annotated[date, _iso_text(r"\d{4}-\d{2}-\d{2}$", "a date as YYYY-MM-DD")]
IsoMoment = Annotated[
    AwareDatetime, _iso_text(r"\d{4}-\d{2}-\d{2}T", "an ISO 8601 time with its offset")
]


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
