"""Matrix rows: people. The target is a member of the own committee who is none of the
callers: their committee's admins and network_admin see them, nobody else learns they exist."""

import uuid
from typing import Any

from tests.memberships.factories import insert_membership
from tests.people.factories import make_person
from tests.permissions.world import Row, World, everyone, network_only

ADMINS_OF_THEIR_COMMITTEE = {
    "anonymous": 401,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 404,
    "member_own": 404,
    "member_foreign": 404,
}


def _person_of_own(w: World) -> dict[str, str]:
    person = make_person(w.session, category="person_supported")
    insert_membership(w.session, person=person, committee=w.own)
    return {"person_id": str(person.id)}


def _synced_person_of_own(w: World) -> dict[str, str]:
    external_id = f"RH-{uuid.uuid4().hex[:8]}"  # a new one each call: a row may be sent twice
    person = make_person(w.session, external_id=external_id, source="sirh-07")
    insert_membership(w.session, person=person, committee=w.own)
    return {"source": "sirh-07", "external_id": external_id}


def _new(_w: World) -> dict[str, Any]:
    return {"first_name": "Camille", "last_name": "Roux", "category": "student"}


ROWS: list[Row] = [
    # Everyone may list; what each sees is tested in tests/people/test_visibility.py.
    Row("GET", "/api/v1/people", everyone(200) | {"anonymous": 401}),
    Row("POST", "/api/v1/people", network_only(201), json=_new),
    Row("GET", "/api/v1/people/{person_id}", ADMINS_OF_THEIR_COMMITTEE, params=_person_of_own),
    Row(
        "PATCH",
        "/api/v1/people/{person_id}",
        ADMINS_OF_THEIR_COMMITTEE,
        json=lambda w: {"phone": "04 75 00 00 00"},
        params=_person_of_own,
    ),
    # Replacing a synced person takes what editing them takes (creating one, a network_admin:
    # tests/people/test_upsert.py).
    Row(
        "PUT",
        "/api/v1/people/by-external-id/{source}/{external_id}",
        ADMINS_OF_THEIR_COMMITTEE,
        json=_new,
        params=_synced_person_of_own,
    ),
]
