"""Matrix rows: the change feed. Every logged-in caller gets a 200 (of what they may read:
tests/changes/test_feed.py); anonymous callers a 401."""

from tests.changes.factories import events_in
from tests.permissions.world import Row, World, everyone


def _events(w: World) -> dict[str, str]:
    events_in(w.session, w.own)
    events_in(w.session, w.foreign)
    return {}


ROWS: list[Row] = [
    Row("GET", "/api/v1/changes", everyone(200) | {"anonymous": 401}, params=_events),
]
