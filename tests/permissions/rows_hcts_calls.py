"""Matrix rows: calls for candidates (public reads, network_admin writes) and candidatures."""

from typing import Any

from tests.hcts.factories import make_call, make_candidature
from tests.memberships.factories import make_member
from tests.permissions.world import Row, World, everyone, network_only

CALLS = "/api/v1/hcts/calls"
CALL = CALLS + "/{call_id}"
CANDIDATURES = CALL + "/candidatures"
CANDIDATURE = CANDIDATURES + "/{candidature_id}"


def _call(w: World) -> dict[str, str]:
    return {"call_id": str(make_call(w.session).id)}


def _candidature(w: World) -> dict[str, str]:
    call = make_call(w.session)
    candidature = make_candidature(w.session, call=call, committee=w.own)
    return {"call_id": str(call.id), "candidature_id": str(candidature.id)}


def _new_call(_w: World) -> dict[str, Any]:
    return {"title": "Appel", "working_group": "Groupe éthique", "deadline": "2100-12-31"}


def _proposal(w: World) -> dict[str, Any]:
    person = make_member(w.session, committee=w.own)
    return {"committee_id": str(w.own.id), "person_id": str(person.id)}


# Candidatures name people: the committees' admins read and write theirs, members none.
_READERS = {
    "anonymous": 401,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 200,  # an empty list: none of their committee's
    "member_own": 403,
    "member_foreign": 403,
}
_OWN_ADMIN = {
    "anonymous": 401,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 404,
    "member_own": 403,
    "member_foreign": 403,
}

ROWS: list[Row] = [
    Row("GET", CALLS, everyone(200)),
    Row("POST", CALLS, network_only(201), json=_new_call),
    Row("GET", CALL, everyone(200), params=_call),
    Row("PATCH", CALL, network_only(200), params=_call, json=lambda w: {"title": "Révisé"}),
    Row("DELETE", CALL, network_only(204), params=_call),
    Row("GET", CANDIDATURES, _READERS, params=_call),
    Row(
        "POST",
        CANDIDATURES,
        _OWN_ADMIN | {"network_admin": 201, "admin_own": 201, "admin_foreign": 403},
        params=_call,
        json=_proposal,
    ),
    Row("GET", CANDIDATURE, _OWN_ADMIN, params=_candidature),
    Row(
        "POST",
        CANDIDATURE + "/decision",
        network_only(200),
        params=_candidature,
        json=lambda w: {"decision": "accepted"},
    ),
    Row("POST", CANDIDATURE + "/withdrawal", _OWN_ADMIN, params=_candidature),
]
