"""Matrix rows: bodies of a committee. Whoever sees the committee reads their list (their names
and kinds, never who sits in them); members read each; admins manage them. A body's
composition counts people (personal data): its admins read it, as they read the members;
across the network, each caller's figures count the bodies of committees whose members they
read (tests/stats/test_composition.py)."""

from decimal import Decimal

from api.bodies.models import CompositionTarget
from tests.bodies.factories import make_body
from tests.factories import save
from tests.memberships.factories import make_membership
from tests.permissions.world import READ_OWN, Row, World, committee_scoped, everyone


def _body(w: World) -> dict[str, str]:
    return {"body_id": str(make_body(w.session, committee=w.own).id)}


def _targeted_body(w: World) -> dict[str, str]:
    """A body of the own committee with a target and a member in it."""
    body = make_body(w.session, committee=w.own)
    target = CompositionTarget(body_id=body.id, category="student", at_least=Decimal("0.25"))
    save(w.session, target)
    make_membership(w.session, committee=w.own, body_id=str(body.id))
    return {"body_id": str(body.id)}


ROWS: list[Row] = [
    # Named publicly, as the committee is: whoever may see it (its world is private).
    Row("GET", "/api/v1/committees/{committee_id}/bodies", READ_OWN),
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
        params=_targeted_body,
    ),
    Row(
        "PUT",
        "/api/v1/committees/{committee_id}/bodies/{body_id}/composition/targets",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"targets": [{"category": "person_supported", "at_least": 0.3333}]},
        params=_body,
    ),
    Row(
        "GET",
        "/api/v1/stats/composition",
        everyone(200) | {"anonymous": 401},
        params=_targeted_body,
    ),
]
