"""Matrix rows: work programmes, their transitions, actions, and the tag list."""

from typing import Any

from tests.permissions.world import READ_OWN, Row, World, committee_scoped, everyone, network_only
from tests.programmes.factories import make_action, make_programme


def _programme(w: World) -> dict[str, str]:
    return {"programme_id": str(make_programme(w.session, committee=w.own).id)}


def _action(w: World) -> dict[str, str]:
    programme = make_programme(w.session, committee=w.own)
    return {"action_id": str(make_action(w.session, programme=programme).id)}


def _new_programme(_w: World) -> dict[str, Any]:
    return {"title": "Programme 2025", "period_start": "2025-01-01", "period_end": "2025-12-31"}


def _new_action(_w: World) -> dict[str, Any]:
    return {"title": "Diagnostic partagé", "method_step": "diagnostics_review"}


ADMINS = committee_scoped(200, admin=True, member=False)
P = "/api/v1/work-programmes/{programme_id}"
A = "/api/v1/actions/{action_id}"

ROWS: list[Row] = [
    Row("GET", "/api/v1/committees/{committee_id}/work-programmes", READ_OWN),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/work-programmes",
        committee_scoped(201, admin=True, member=False),
        json=_new_programme,
    ),
    Row("GET", P, READ_OWN, params=_programme),
    Row("PATCH", P, ADMINS, params=_programme, json=lambda w: {"title": "Révisé"}),
    Row("DELETE", P, committee_scoped(204, admin=True, member=False), params=_programme),
    Row("GET", P + "/transitions", READ_OWN, params=_programme),
    Row(
        "POST",
        P + "/transitions",
        ADMINS,
        params=_programme,
        json=lambda w: {"status": "proposed"},
    ),
    Row("GET", P + "/actions", READ_OWN, params=_programme),
    Row(
        "POST",
        P + "/actions",
        committee_scoped(201, admin=True, member=False),
        params=_programme,
        json=_new_action,
    ),
    Row("GET", A, READ_OWN, params=_action),
    Row("PATCH", A, ADMINS, params=_action, json=lambda w: {"theme": "Aller-vers"}),
    Row("DELETE", A, committee_scoped(204, admin=True, member=False), params=_action),
    Row("GET", "/api/v1/tags", everyone(200)),
    Row(
        "POST",
        "/api/v1/tags",
        network_only(201),
        json=lambda w: {"kind": "theme", "code": "falc", "label": "FALC"},
    ),
]
