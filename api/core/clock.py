"""One place that says what time it is, so tests and rules agree."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Calendar dates ("effective on") are those of the people using the system.
LOCAL_TZ = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return datetime.now(LOCAL_TZ).date()
