"""One place that says what time it is, so tests and rules agree."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from api.core.problems import InvalidInput

# Calendar dates ("effective on") are those of the people using the system.
LOCAL_TZ = ZoneInfo("Europe/Paris")

_replayed: ContextVar[datetime | None] = ContextVar("replayed_now", default=None)


def utcnow() -> datetime:
    return _replayed.get() or datetime.now(UTC)


def today() -> date:
    return utcnow().astimezone(LOCAL_TZ).date()


def local_day(moment: datetime) -> date:
    """The calendar day a moment falls on for the people using the system (an event's date)."""
    return moment.astimezone(LOCAL_TZ).date()


def as_utc(moment: datetime | None) -> Any:
    """Stored and answered in UTC, whatever offset the client sent."""
    return moment.astimezone(UTC) if moment is not None else None


def check_span(noun: str, starts_at: datetime, ends_at: datetime | None) -> None:
    """An event (meeting, seminar) does not end before it starts."""
    if ends_at is not None and ends_at < starts_at:
        raise InvalidInput(f"The {noun} cannot end before it starts.", field="ends_at")


def check_span_changes(noun: str, event: Any, changes: dict[str, Any]) -> None:
    """A PATCH of an event's `starts_at`/`ends_at`: the new span checked against what it keeps
    of the stored one, the sent times turned to UTC in `changes`."""
    if not {"starts_at", "ends_at"} & changes.keys():
        return
    check_span(
        noun, changes.get("starts_at", event.starts_at), changes.get("ends_at", event.ends_at)
    )
    for field in ("starts_at", "ends_at"):
        if field in changes:
            changes[field] = as_utc(changes[field])


@contextmanager
def replaying(moment: datetime) -> Iterator[None]:
    """Run a block as if it were `moment`. The demo tells the network's past through the
    services, whose rules (deadlines, "not in the future") ask what time it is."""
    if moment.tzinfo is None:
        raise ValueError("replaying needs an aware datetime")
    token = _replayed.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _replayed.reset(token)
