import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import utcnow
from api.seminars.models import Seminar
from tests.assertions import assert_problem, item_ids
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import make_member
from tests.outbox import no_event, one_event
from tests.seminars.factories import make_registration, make_seminar

URL = "/api/v1/seminars"
SPRING = {
    "title": "Séminaire national des comités locaux",
    "starts_at": "2030-04-02T09:00:00+02:00",
    "ends_at": "2030-04-02T17:00:00+02:00",
    "mode": "in_person",
    "place": "Paris",
    "description": "Les comités partagent leurs travaux.",
    "registration_deadline": "2030-03-20",
}


def test_create_returns_the_seminar_and_writes_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    with one_event(session, "seminar.created") as written:
        response = client.post(URL, json=SPRING, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["starts_at"] == "2030-04-02T07:00:00Z"
    assert {k: body[k] for k in ("title", "mode", "place", "registration_deadline")} == {
        k: SPRING[k] for k in ("title", "mode", "place", "registration_deadline")
    }
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert written.events[0].payload == {"seminar_id": body["id"]}
    assert written.events[0].committee_id is None
    assert session.get(Seminar, uuid.UUID(body["id"])) is not None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2030-04-01T17:00:00Z"}, "ends_at"),
        ({"mode": "hybrid"}, "mode"),
        ({"starts_at": "2030-04-02T09:00:00"}, "starts_at"),
        ({"title": ""}, "title"),
        ({"registration_deadline": "soon"}, "registration_deadline"),
        ({"starts_at": "9999-12-31T23:59:59-14:00"}, "starts_at"),  # the calendar's edges
        ({"ends_at": "9999-12-31T23:59:59-14:00"}, "ends_at"),
        ({"registration_deadline": "0001-01-01"}, "registration_deadline"),
    ],
)
def test_create_refuses_invalid_seminars_without_event(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    changes: dict[str, Any],
    field: str,
) -> None:
    with no_event(session):
        response = client.post(URL, json=SPRING | changes, headers=admin_headers)

    body = assert_problem(response, 422)
    assert field in {e["loc"][-1] for e in body["errors"]}


def test_a_member_may_not_create_a_seminar(client: TestClient, session: Session) -> None:
    member = make_user(session, role=Role.member, committee=make_committee(session))

    with no_event(session):
        response = client.post(URL, json=SPRING, headers=auth(member))

    assert_problem(response, 403, "forbidden")


def test_list_filters_by_upcoming_and_year_in_start_order(
    client: TestClient, session: Session
) -> None:
    now = utcnow()
    past = make_seminar(session, starts_at=now - timedelta(days=400))
    soon = make_seminar(session, starts_at=now + timedelta(days=10))
    later = make_seminar(session, starts_at=now + timedelta(days=20))
    member = make_user(session, role=Role.member, committee=make_committee(session))
    headers = auth(member)

    def ids(**params: Any) -> list[str]:
        return item_ids(client.get(URL, params=params, headers=headers))

    assert ids() == [str(past.id), str(soon.id), str(later.id)]
    assert ids(upcoming=True) == [str(soon.id), str(later.id)]
    assert ids(upcoming=False) == [str(past.id)]
    assert ids(year=past.starts_at.year) == [
        str(s.id) for s in (past, soon, later) if s.starts_at.year == past.starts_at.year
    ]
    first = client.get(URL, params={"limit": 2}, headers=headers).json()
    second = client.get(
        URL, params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    assert [i["id"] for i in first["items"] + second["items"]] == ids()
    assert second["next_cursor"] is None


def test_get_answers_the_seminar_with_its_etag_or_404(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    seminar = make_seminar(session)

    response = client.get(f"{URL}/{seminar.id}", headers=admin_headers)

    assert response.status_code == 200
    assert response.json()["title"] == seminar.title
    assert response.headers["ETag"] == f'"{seminar.version}"'
    assert_problem(client.get(f"{URL}/{uuid.uuid4()}", headers=admin_headers), 404)


def test_update_honours_if_match_and_writes_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    seminar = make_seminar(session)
    url = f"{URL}/{seminar.id}"

    with no_event(session):
        stale = client.patch(
            url, json={"mode": "remote"}, headers=admin_headers | {"If-Match": '"9"'}
        )
        too_early = client.patch(
            url,
            json={"ends_at": (seminar.starts_at - timedelta(hours=1)).isoformat()},
            headers=admin_headers,
        )
    assert_problem(stale, 412)
    assert_problem(too_early, 422)

    with one_event(session, "seminar.updated") as written:
        response = client.patch(
            url,
            json={"mode": "remote", "place": None},
            headers=admin_headers | {"If-Match": '"1"'},
        )

    assert response.status_code == 200, response.text
    assert (response.json()["mode"], response.json()["place"]) == ("remote", None)
    assert response.headers["ETag"] == '"2"'
    assert written.events[0].payload == {
        "seminar_id": str(seminar.id),
        "fields": ["mode", "place"],
    }


def test_update_refuses_null_for_required_fields(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    seminar = make_seminar(session)

    response = client.patch(f"{URL}/{seminar.id}", json={"title": None}, headers=admin_headers)

    assert_problem(response, 422)


def test_delete_writes_one_event_and_refuses_a_seminar_with_registrations(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    empty = make_seminar(session)
    busy = make_seminar(session)
    make_registration(
        session, seminar=busy, committee=committee, person=make_member(session, committee=committee)
    )

    with no_event(session):
        refused = client.delete(
            f"{URL}/{busy.id}", headers=editing(client, f"{URL}/{busy.id}", admin_headers)
        )
    assert_problem(refused, 409, "conflict")

    with one_event(session, "seminar.deleted") as written:
        response = client.delete(f"{URL}/{empty.id}", headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204
    assert written.events[0].payload == {"seminar_id": str(empty.id)}
    session.expire_all()
    assert session.get(Seminar, empty.id) is None
    assert session.get(Seminar, busy.id) is not None
