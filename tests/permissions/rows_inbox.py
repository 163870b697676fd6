"""Matrix rows: a committee's inbox. Its admins (and network admins) read and mark it;
members may not."""

from tests.hcts.factories import make_call
from tests.permissions.world import Row, World, committee_scoped


def _call(w: World) -> dict[str, str]:
    return {"kind": "call", "item_id": str(make_call(w.session).id)}


_ITEM = "/api/v1/committees/{committee_id}/inbox/{kind}/{item_id}/read"

ROWS: list[Row] = [
    Row(
        "GET",
        "/api/v1/committees/{committee_id}/inbox",
        committee_scoped(200, admin=True, member=False),
    ),
    Row("PUT", _ITEM, committee_scoped(204, admin=True, member=False), params=_call),
    Row("DELETE", _ITEM, committee_scoped(204, admin=True, member=False), params=_call),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/inbox/read-all",
        committee_scoped(200, admin=True, member=False),
    ),
]
