"""Matrix rows: indicators, measurements and the board (own, private committee, draft
programme: only its members, admins and network_admin see it)."""

from datetime import date

from api.programmes.models import Indicator, Measurement
from tests.permissions.world import READ_OWN, Row, World, committee_scoped
from tests.programmes.factories import make_action, make_programme


def _programme(w: World) -> dict[str, str]:
    return {"programme_id": str(make_programme(w.session, committee=w.own).id)}


def _action(w: World) -> dict[str, str]:
    action = make_action(w.session, programme=make_programme(w.session, committee=w.own))
    return {"action_id": str(action.id)}


def _indicator(w: World) -> Indicator:
    action = make_action(w.session, programme=make_programme(w.session, committee=w.own))
    indicator = Indicator(action_id=action.id, name="Personnes accompagnées", unit="personnes")
    w.session.add(indicator)
    w.session.flush()
    return indicator


def _measurement(w: World) -> dict[str, str]:
    indicator = _indicator(w)
    measurement = Measurement(indicator_id=indicator.id, measured_on=date(2024, 6, 1), value=3)
    w.session.add(measurement)
    w.session.flush()
    return {"indicator_id": str(indicator.id), "measurement_id": str(measurement.id)}


def _indicator_id(w: World) -> dict[str, str]:
    return {"indicator_id": str(_indicator(w).id)}


ADMINS = committee_scoped(200, admin=True, member=False)
IND = "/api/v1/indicators/{indicator_id}"

ROWS: list[Row] = [
    Row("GET", "/api/v1/work-programmes/{programme_id}/board", READ_OWN, params=_programme),
    Row("GET", "/api/v1/actions/{action_id}/indicators", READ_OWN, params=_action),
    Row(
        "POST",
        "/api/v1/actions/{action_id}/indicators",
        committee_scoped(201, admin=True, member=False),
        params=_action,
        json=lambda w: {"name": "Ateliers tenus", "target": 12},
    ),
    Row("GET", IND, READ_OWN, params=_indicator_id),
    Row("PATCH", IND, ADMINS, params=_indicator_id, json=lambda w: {"target": 40}),
    Row("DELETE", IND, committee_scoped(204, admin=True, member=False), params=_indicator_id),
    Row("GET", IND + "/measurements", READ_OWN, params=_indicator_id),
    Row(
        "POST",
        IND + "/measurements",
        committee_scoped(201, admin=True, member=False),
        params=_indicator_id,
        json=lambda w: {"measured_on": "2024-09-01", "value": 17},
    ),
    Row(
        "DELETE",
        IND + "/measurements/{measurement_id}",
        committee_scoped(204, admin=True, member=False),
        params=_measurement,
    ),
]
