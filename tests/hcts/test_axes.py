import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.hcts.models import Axis, Call
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.hcts.factories import make_axis, make_publication
from tests.outbox import no_event, one_event

URL = "/api/v1/hcts/axes"
BODY = {
    "code": "2020-axe-1",
    "title": "Participation des personnes accompagnées",
    "starts_in": 2020,
    "ends_in": 2021,
    "position": 1,
}


def test_network_admin_creates_an_axis_and_one_event_is_written(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    with one_event(session, "hcts.axis.created") as written:
        response = client.post(URL, json=BODY, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in BODY} == BODY
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert session.get(Axis, uuid.UUID(body["id"])) is not None
    event = written.events[0]
    assert event.committee_id is None
    assert event.payload == {"axis_id": body["id"]}


def test_a_duplicate_code_is_a_conflict_and_writes_no_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    make_axis(session, code="2020-axe-1")

    with no_event(session):
        response = client.post(URL, json=BODY, headers=admin_headers)

    assert_problem(response, 409, "conflict", code="axis_code_taken")


def test_an_axis_cannot_end_before_it_starts(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(URL, json=BODY | {"ends_in": 2019}, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_committee_admins_may_not_create_axes(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)

    with no_event(session):
        response = client.post(URL, json=BODY, headers=auth(admin))

    assert_problem(response, 403, "forbidden")


def test_anyone_lists_the_axes_by_first_year_then_position(
    client: TestClient, session: Session
) -> None:
    second = make_axis(session, starts_in=2020, position=2)
    later = make_axis(session, starts_in=2022, ends_in=None, position=0)
    first = make_axis(session, starts_in=2020, position=1)

    response = client.get(URL)

    assert response.status_code == 200, response.text
    ids = [item["id"] for item in response.json()["items"]]
    assert ids == [str(first.id), str(second.id), str(later.id)]


def test_the_year_filter_keeps_the_axes_in_force_that_year(
    client: TestClient, session: Session
) -> None:
    make_axis(session, starts_in=2018, ends_in=2019)
    current = make_axis(session, starts_in=2020, ends_in=2021)
    open_ended = make_axis(session, starts_in=2021, ends_in=None)
    make_axis(session, starts_in=2022, ends_in=None)

    in_2021 = client.get(URL, params={"year": 2021}).json()["items"]
    in_2019 = client.get(URL, params={"year": 2019}).json()["items"]

    assert {item["id"] for item in in_2021} == {str(current.id), str(open_ended.id)}
    assert len(in_2019) == 1


def test_the_list_pages_with_a_cursor(client: TestClient, session: Session) -> None:
    axes = [make_axis(session, starts_in=2020, position=p) for p in range(3)]

    first = client.get(URL, params={"limit": 2}).json()
    second = client.get(URL, params={"limit": 2, "cursor": first["next_cursor"]}).json()

    ids = [item["id"] for item in first["items"] + second["items"]]
    assert ids == [str(a.id) for a in axes]
    assert second["next_cursor"] is None


def test_get_an_axis_or_404(client: TestClient, session: Session) -> None:
    axis = make_axis(session)

    response = client.get(f"{URL}/{axis.id}")

    assert response.status_code == 200
    assert response.json()["code"] == axis.code
    assert response.headers["ETag"] == '"1"'
    assert_problem(client.get(f"{URL}/{uuid.uuid4()}"), 404, "not-found")


def test_update_an_axis_writes_one_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session)

    with one_event(session, "hcts.axis.updated") as written:
        response = client.patch(
            f"{URL}/{axis.id}",
            json={"title": "Nouveau titre", "ends_in": None},
            headers=admin_headers | {"If-Match": '"1"'},
        )

    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Nouveau titre"
    assert response.json()["ends_in"] is None
    assert response.headers["ETag"] == '"2"'
    assert written.events[0].payload == {"axis_id": str(axis.id), "fields": ["ends_in", "title"]}


def test_an_update_refused_writes_no_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session, starts_in=2020, ends_in=2021)
    other = make_axis(session)
    url = f"{URL}/{axis.id}"

    with no_event(session):
        stale = client.patch(url, json={"position": 3}, headers=admin_headers | {"If-Match": '"9"'})
        years = client.patch(
            url, json={"starts_in": 2022}, headers=editing(client, url, admin_headers)
        )
        code = client.patch(
            url, json={"code": other.code}, headers=editing(client, url, admin_headers)
        )
        null = client.patch(url, json={"title": None}, headers=editing(client, url, admin_headers))

    assert_problem(stale, 412, "precondition-failed")
    assert_problem(years, 422, "validation-error")
    assert_problem(code, 409, "conflict", code="axis_code_taken")
    assert_problem(null, 422, "validation-error")


def test_delete_an_unused_axis_writes_one_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session)

    with one_event(session, "hcts.axis.deleted") as written:
        response = client.delete(f"{URL}/{axis.id}", headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204, response.text
    assert session.get(Axis, axis.id) is None
    assert written.events[0].payload == {"axis_id": str(axis.id)}


def test_an_axis_a_publication_or_a_call_refers_to_is_kept(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    published = make_axis(session)
    make_publication(session, status="draft", axis_id=published.id)
    called = make_axis(session)
    session.add(
        Call(title="Appel", working_group="GT", deadline=date(2030, 1, 1), axis_id=called.id)
    )
    session.flush()

    with no_event(session):
        by_publication = client.delete(
            f"{URL}/{published.id}", headers=editing(client, f"{URL}/{published.id}", admin_headers)
        )
        by_call = client.delete(
            f"{URL}/{called.id}", headers=editing(client, f"{URL}/{called.id}", admin_headers)
        )

    assert_problem(by_publication, 409, "conflict", code="axis_in_use")
    assert_problem(by_call, 409, "conflict", code="axis_in_use")


def test_years_and_positions_are_integers_not_booleans(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    for bad in ({"position": False}, {"starts_in": 2020.5}, {"ends_in": True}):
        assert_problem(client.post(URL, json=BODY | bad, headers=admin_headers), 422)
