"""Matrix rows: bodies of a committee. Members read them; admins manage them. A body's
composition counts people (personal data): its admins read it, as they read the members."""

from tests.bodies.factories import make_body
from tests.permissions.world import Row, World, committee_scoped


def _body(w: World) -> dict[str, str]:
    return {"body_id": str(make_body(w.session, committee=w.own).id)}


ROWS: list[Row] = [
    Row(
        "GET",
        "/api/v1/committees/{committee_id}/bodies",
        committee_scoped(200, admin=True, member=True),
    ),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/bodies",
        committee_scoped(201, admin=True, member=False),
        json=lambda w: {"kind": "cotech", "name": "COTECH"},
    ),
    Row(
        "GET",
        "/api/v1/bodies/{body_id}",
        committee_scoped(200, admin=True, member=True),
        params=_body,
    ),
    Row(
        "PATCH",
        "/api/v1/bodies/{body_id}",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"name": "Agora"},
        params=_body,
    ),
    Row(
        "DELETE",
        "/api/v1/bodies/{body_id}",
        committee_scoped(204, admin=True, member=False),
        params=_body,
    ),
    Row(
        "GET",
        "/api/v1/committees/{committee_id}/bodies/{body_id}/composition",
        committee_scoped(200, admin=True, member=False),
        params=_body,
    ),
    Row(
        "PUT",
        "/api/v1/committees/{committee_id}/bodies/{body_id}/composition/targets",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"targets": [{"category": "person_supported", "at_least": 0.3333}]},
        params=_body,
    ),
]
