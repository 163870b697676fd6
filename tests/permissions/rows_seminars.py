"""Matrix rows: the network's seminars. Everyone logged in reads them; network_admin manages
them; registrations are personal data (committee admins: their committees'; members: own)."""

from sqlmodel import select

from api.seminars.models import SeminarRegistration
from tests.memberships.factories import make_member
from tests.permissions.world import CALLERS, Row, World, everyone, network_only
from tests.seminars.factories import make_registration, make_seminar


def logged_in(status: int) -> dict[str, int]:
    return everyone(status) | {"anonymous": 401}


def _seminar(w: World) -> dict[str, str]:
    return {"seminar_id": str(make_seminar(w.session).id)}


def _registration(w: World) -> dict[str, str]:
    """A registration of a member of the own committee (not one of the callers)."""
    seminar = make_seminar(w.session)
    person = make_member(w.session, committee=w.own)
    registration = make_registration(w.session, seminar=seminar, committee=w.own, person=person)
    return {"seminar_id": str(seminar.id), "registration_id": str(registration.id)}


def _registered_person(w: World) -> dict[str, object]:
    person_id = w.session.exec(select(SeminarRegistration.person_id)).one()
    return {"items": [{"person_id": str(person_id), "status": "present"}]}


def _new_member(w: World) -> dict[str, str]:
    return {
        "committee_id": str(w.own.id),
        "person_id": str(make_member(w.session, committee=w.own).id),
    }


OWN_ADMINS = {c: 403 for c in CALLERS} | {"anonymous": 401, "network_admin": 201, "admin_own": 201}
OWN_REGISTRATION = {
    "anonymous": 401,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 404,
    "member_own": 404,
    "member_foreign": 404,
}

ROWS: list[Row] = [
    Row("GET", "/api/v1/seminars", logged_in(200)),
    Row(
        "POST",
        "/api/v1/seminars",
        network_only(201),
        json=lambda w: {
            "title": "Séminaire de printemps",
            "starts_at": "2030-04-02T08:00:00Z",
            "mode": "remote",
        },
    ),
    Row("GET", "/api/v1/seminars/{seminar_id}", logged_in(200), params=_seminar),
    Row(
        "PATCH",
        "/api/v1/seminars/{seminar_id}",
        network_only(200),
        json=lambda w: {"place": "Paris"},
        params=_seminar,
    ),
    Row("DELETE", "/api/v1/seminars/{seminar_id}", network_only(204), params=_seminar),
    Row(
        "GET",
        "/api/v1/seminars/{seminar_id}/registrations",
        logged_in(200),
        params=_registration,
    ),
    Row(
        "POST",
        "/api/v1/seminars/{seminar_id}/registrations",
        OWN_ADMINS,
        json=_new_member,
        params=_seminar,
    ),
    Row(
        "GET",
        "/api/v1/seminars/{seminar_id}/registrations/{registration_id}",
        OWN_REGISTRATION,
        params=_registration,
    ),
    Row(
        "DELETE",
        "/api/v1/seminars/{seminar_id}/registrations/{registration_id}",
        OWN_REGISTRATION | {"network_admin": 204, "admin_own": 204},
        params=_registration,
    ),
    Row(
        "PUT",
        "/api/v1/seminars/{seminar_id}/attendance",
        network_only(200),
        json=_registered_person,
        params=_registration,
    ),
    Row(
        "GET",
        "/api/v1/seminars/{seminar_id}/summary",
        logged_in(200) | {"member_own": 403, "member_foreign": 403},
        params=_registration,
    ),
]
