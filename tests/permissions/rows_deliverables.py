"""Matrix rows: deliverables (of an action of a draft programme of the own, private committee)."""

from datetime import date

from api.programmes.models import Deliverable
from tests.permissions.world import READ_OWN, Row, World, committee_scoped
from tests.programmes.factories import make_action, make_programme


def _action(w: World) -> dict[str, str]:
    action = make_action(w.session, programme=make_programme(w.session, committee=w.own))
    return {"action_id": str(action.id)}


def _deliverable(w: World) -> dict[str, str]:
    action = make_action(w.session, programme=make_programme(w.session, committee=w.own))
    deliverable = Deliverable(
        action_id=action.id, title="Fiche pratique", kind="practice_sheet", status="planned"
    )
    w.session.add(deliverable)
    w.session.flush()
    return {"deliverable_id": str(deliverable.id)}


D = "/api/v1/deliverables/{deliverable_id}"

ROWS: list[Row] = [
    Row("GET", "/api/v1/actions/{action_id}/deliverables", READ_OWN, params=_action),
    Row(
        "POST",
        "/api/v1/actions/{action_id}/deliverables",
        committee_scoped(201, admin=True, member=False),
        params=_action,
        json=lambda w: {"title": "Guide FALC", "kind": "report", "due_on": str(date(2025, 6, 30))},
    ),
    Row("GET", "/api/v1/committees/{committee_id}/deliverables", READ_OWN),
    Row("GET", D, READ_OWN, params=_deliverable),
    Row(
        "PATCH",
        D,
        committee_scoped(200, admin=True, member=False),
        params=_deliverable,
        json=lambda w: {"status": "in_progress"},
    ),
    Row("DELETE", D, committee_scoped(204, admin=True, member=False), params=_deliverable),
]
