"""One place that says what time it is, so tests and rules agree."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Calendar dates ("effective on") are those of the people using the system.
LOCAL_TZ = ZoneInfo("Europe/Paris")

_replayed: ContextVar[datetime | None] = ContextVar("replayed_now", default=None)


def utcnow() -> datetime:
    return _replayed.get() or datetime.now(UTC)


def today() -> date:
    return utcnow().astimezone(LOCAL_TZ).date()


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
