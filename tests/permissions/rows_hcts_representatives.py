"""Matrix rows: the committees' college at HCTS (public reads, network_admin writes)."""

from datetime import date
from typing import Any

from tests.hcts.factories import make_mandate
from tests.memberships.factories import make_member
from tests.permissions.world import READ_OWN, Row, World, everyone, network_only

REPRESENTATIVES = "/api/v1/hcts/representatives"
MANDATE = REPRESENTATIVES + "/{mandate_id}"


def _mandate(w: World) -> dict[str, str]:
    return {"mandate_id": str(make_mandate(w.session, committee=w.own).id)}


def _new_mandate(w: World) -> dict[str, Any]:
    # A member when the mandate begins.
    person = make_member(w.session, committee=w.own, since=date(2020, 9, 1))
    return {
        "person_id": str(person.id),
        "committee_id": str(w.own.id),
        "role": "titular",
        "seat": "plenary",
        "starts_on": "2020-09-01",
    }


ROWS: list[Row] = [
    # The world's committees are private: anonymous callers get an empty list.
    Row("GET", REPRESENTATIVES, everyone(200)),
    Row("POST", REPRESENTATIVES, network_only(201), json=_new_mandate),
    Row("GET", MANDATE, READ_OWN, params=_mandate),
    Row("PATCH", MANDATE, network_only(200), params=_mandate, json=lambda w: {"ends_on": None}),
    Row("DELETE", MANDATE, network_only(204), params=_mandate),
]
