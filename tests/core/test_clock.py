"""The clock: Paris calendar days, and replaying a past moment for the demo's history."""

from datetime import UTC, datetime, timedelta

import pytest

from api.core.clock import replaying, today, utcnow


def test_today_is_the_paris_day_even_when_utc_is_still_the_day_before() -> None:
    # 23:30 UTC on 28 March 2022 is already 29 March in Paris (UTC+2 in summer time).
    with replaying(datetime(2022, 3, 28, 23, 30, tzinfo=UTC)):
        assert today().isoformat() == "2022-03-29"


def test_replaying_ends_with_its_block() -> None:
    past = datetime(2020, 1, 15, 9, 0, tzinfo=UTC)
    with replaying(past):
        assert utcnow() == past
    assert utcnow() - datetime.now(UTC) < timedelta(seconds=5)


def test_replaying_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="aware"), replaying(datetime(2020, 1, 15)):
        pass
