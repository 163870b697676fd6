"""Matrix rows: working groups of a committee. Members read them; admins manage them."""

from tests.permissions.world import Row, World, committee_scoped
from tests.working_groups.factories import make_working_group


def _group(w: World) -> dict[str, str]:
    return {"working_group_id": str(make_working_group(w.session, committee=w.own).id)}


ROWS: list[Row] = [
    Row(
        "GET",
        "/api/v1/committees/{committee_id}/working-groups",
        committee_scoped(200, admin=True, member=True),
    ),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/working-groups",
        committee_scoped(201, admin=True, member=False),
        json=lambda w: {"title": "Accès aux droits", "status": "active"},
    ),
    Row(
        "GET",
        "/api/v1/working-groups/{working_group_id}",
        committee_scoped(200, admin=True, member=True),
        params=_group,
    ),
    Row(
        "PATCH",
        "/api/v1/working-groups/{working_group_id}",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"status": "paused"},
        params=_group,
    ),
    Row(
        "DELETE",
        "/api/v1/working-groups/{working_group_id}",
        committee_scoped(204, admin=True, member=False),
        params=_group,
    ),
]
