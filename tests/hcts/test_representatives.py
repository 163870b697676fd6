"""The committees' college at HCTS: who sits on a day (public, one query), mandates' rules."""

import uuid
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from api.hcts.models import Mandate
from tests.assertions import assert_problem, item_ids
from tests.database import count_statements
from tests.factories import auth, make_committee, make_user
from tests.hcts.factories import make_mandate
from tests.memberships.factories import make_member
from tests.outbox import no_event, one_event
from tests.people.factories import make_person

URL = "/api/v1/hcts/representatives"
# The members' terms begin before every mandate of these tests.
_SINCE = date(2018, 1, 1)


def test_anyone_sees_who_sits_today_without_private_data(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    person = make_member(
        session,
        committee=committee,
        since=_SINCE,
        first_name="Camille",
        last_name="Durand",
        email="camille@example.org",
        phone="0600000000",
    )
    sitting = make_mandate(session, committee=committee, person=person, ends_on=today())
    make_mandate(
        session,
        committee=committee,
        starts_on=date(2018, 1, 1),
        ends_on=today() - timedelta(days=1),
    )
    make_mandate(session, committee=committee, starts_on=today() + timedelta(days=1))

    response = client.get(URL, params={"committee_id": str(committee.id)})

    assert item_ids(response) == [str(sitting.id)]
    item = response.json()["items"][0]
    assert item["person"] == {"id": str(person.id), "first_name": "Camille", "last_name": "Durand"}
    assert item["committee"] == {
        "id": str(committee.id),
        "name": committee.name,
        "short_name": committee.short_name,
    }
    assert "camille@example.org" not in response.text
    assert "0600000000" not in response.text
    assert "social_worker" not in response.text


def test_as_of_and_all(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    old = make_mandate(
        session, committee=committee, starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31)
    )
    new = make_mandate(session, committee=committee, starts_on=date(2021, 1, 1))
    params = {"committee_id": str(committee.id)}

    assert item_ids(client.get(URL, params=params | {"as_of": "2020-12-31"})) == [str(old.id)]
    assert item_ids(client.get(URL, params=params | {"as_of": "2021-01-01"})) == [str(new.id)]
    assert item_ids(client.get(URL, params=params | {"as_of": "2019-06-01"})) == []
    assert set(item_ids(client.get(URL, params=params | {"all": True}))) == {
        str(old.id),
        str(new.id),
    }


def test_order_is_seat_then_titulars_then_name_and_filters(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)

    def mandate(seat: str, role: str, last_name: str) -> Mandate:
        person = make_member(session, committee=committee, since=_SINCE, last_name=last_name)
        return make_mandate(session, committee=committee, person=person, seat=seat, role=role)

    ethics = mandate("ethics_commission", "titular", "Aubert")
    plenary_sub = mandate("plenary", "substitute", "Arnaud")
    plenary_b = mandate("plenary", "titular", "Bernard")
    plenary_a = mandate("plenary", "titular", "Âlain")
    permanent = mandate("permanent_commission", "substitute", "Zola")
    params = {"committee_id": str(committee.id)}

    expected = [plenary_a, plenary_b, plenary_sub, permanent, ethics]
    assert item_ids(client.get(URL, params=params)) == [str(m.id) for m in expected]
    page = client.get(URL, params=params | {"limit": 2}).json()
    rest = client.get(URL, params=params | {"limit": 10, "cursor": page["next_cursor"]})
    assert [m["id"] for m in page["items"]] + item_ids(rest) == [str(m.id) for m in expected]
    assert item_ids(client.get(URL, params=params | {"seat": "plenary", "role": "substitute"})) == [
        str(plenary_sub.id)
    ]


def test_mandates_of_private_committees_are_shown_to_their_own_only(
    client: TestClient, session: Session
) -> None:
    private = make_committee(session, is_public=False)
    mandate = make_mandate(session, committee=private)
    member = auth(make_user(session, role=Role.member, committee=private))
    stranger = auth(make_user(session, role=Role.member, committee=make_committee(session)))
    params = {"committee_id": str(private.id)}

    assert item_ids(client.get(URL, params=params)) == []
    assert item_ids(client.get(URL, params=params, headers=stranger)) == []
    assert item_ids(client.get(URL, params=params, headers=member)) == [str(mandate.id)]
    assert_problem(client.get(f"{URL}/{mandate.id}"), 404)
    assert_problem(client.get(f"{URL}/{mandate.id}", headers=stranger), 404)
    response = client.get(f"{URL}/{mandate.id}", headers=member)
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"1"'


def test_who_sits_today_is_one_query(
    client: TestClient, session: Session, connection: Connection
) -> None:
    committees = [make_committee(session) for _ in range(3)]
    for committee in committees:
        for seat in ("plenary", "permanent_commission", "ethics_commission"):
            make_mandate(session, committee=committee, seat=seat)
    session.commit()

    with count_statements(connection) as statements:
        response = client.get(URL, params={"limit": 500})

    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) >= 9
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, statements
    assert "hcts_mandates" in selects[0]
    assert "people" in selects[0]
    assert "committees" in selects[0]


def _new(committee: uuid.UUID, person: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": str(person),
        "committee_id": str(committee),
        "role": "titular",
        "seat": "permanent_commission",
        "seat_label": "Commission permanente",
        "starts_on": "2020-09-01",
        "ends_on": "2023-08-31",
    } | overrides


def test_network_admin_records_a_mandate(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee, since=_SINCE)

    with one_event(session, "hcts.mandate.created") as written:
        response = client.post(URL, json=_new(committee.id, person.id), headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["seat"] == "permanent_commission"
    assert body["person"]["id"] == str(person.id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert written.events[0].committee_id == committee.id
    assert written.events[0].payload["mandate_id"] == body["id"]


def test_mandate_rules(client: TestClient, session: Session, admin_headers: dict[str, str]) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee, since=_SINCE)
    stranger = make_person(session)
    make_mandate(
        session,
        committee=committee,
        person=person,
        seat="plenary",
        starts_on=date(2020, 1, 1),
        ends_on=date(2021, 12, 31),
    )

    def post(**overrides: Any) -> Any:
        with no_event(session):
            return client.post(
                URL, json=_new(committee.id, person.id, **overrides), headers=admin_headers
            )

    assert_problem(post(ends_on="2020-08-31"), 422)
    field = assert_problem(post(person_id=str(stranger.id)), 422)["errors"][0]["loc"]
    assert field == ["body", "person_id"]
    field = assert_problem(post(person_id=str(uuid.uuid4())), 422)["errors"][0]["loc"]
    assert field == ["body", "person_id"]
    field = assert_problem(post(committee_id=str(uuid.uuid4())), 422)["errors"][0]["loc"]
    assert field == ["body", "committee_id"]
    assert_problem(post(seat="plenary", starts_on="2021-12-31", ends_on=None), 409, "conflict")
    assert_problem(post(seat="plenary", starts_on="2019-01-01", ends_on="2020-01-01"), 409)
    # Touching dates are an overlap; the next day is not; another seat is not.
    with one_event(session, "hcts.mandate.created"):
        ok = client.post(
            URL,
            json=_new(
                committee.id, person.id, seat="plenary", starts_on="2022-01-01", ends_on=None
            ),
            headers=admin_headers,
        )
    assert ok.status_code == 201, ok.text
    assert (
        client.post(URL, json=_new(committee.id, person.id), headers=admin_headers).status_code
        == 201
    )


def test_only_network_admin_writes_mandates(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = auth(make_user(session, role=Role.committee_admin, committee=committee))
    person = make_member(session, committee=committee, since=_SINCE)
    mandate = make_mandate(session, committee=committee)

    with no_event(session):
        assert_problem(client.post(URL, json=_new(committee.id, person.id), headers=headers), 403)
        assert_problem(
            client.patch(f"{URL}/{mandate.id}", json={"seat_label": "x"}, headers=headers), 403
        )
        assert_problem(client.delete(f"{URL}/{mandate.id}", headers=headers), 403)
        assert_problem(client.post(URL, json=_new(committee.id, person.id)), 401)


def test_patch_ends_a_mandate_and_checks_the_result(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee, since=_SINCE)
    mandate = make_mandate(session, committee=committee, person=person, starts_on=date(2020, 1, 1))
    other = make_mandate(session, committee=committee, person=person, seat="ethics_commission")
    url = f"{URL}/{mandate.id}"

    with no_event(session):
        assert_problem(
            client.patch(url, json={"ends_on": "2019-12-31"}, headers=admin_headers), 422
        )
        assert_problem(
            client.patch(url, json={"seat": "ethics_commission"}, headers=admin_headers), 409
        )
        assert_problem(client.patch(url, json={"role": None}, headers=admin_headers), 422)
        stale = client.patch(
            url, json={"ends_on": "2022-12-31"}, headers=admin_headers | {"If-Match": '"7"'}
        )
        assert_problem(stale, 412)
    with one_event(session, "hcts.mandate.updated"):
        response = client.patch(
            url, json={"ends_on": "2022-12-31"}, headers=admin_headers | {"If-Match": '"1"'}
        )

    assert response.status_code == 200, response.text
    assert response.json()["ends_on"] == "2022-12-31"
    assert response.headers["ETag"] == '"2"'
    session.refresh(other)
    assert other.seat == "ethics_commission"


def test_delete_a_mandate(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    mandate = make_mandate(session, committee=make_committee(session))
    mandate_id = mandate.id

    with no_event(session):
        stale = client.delete(f"{URL}/{mandate_id}", headers=admin_headers | {"If-Match": '"3"'})
        assert_problem(stale, 412)
    with one_event(session, "hcts.mandate.deleted"):
        response = client.delete(f"{URL}/{mandate_id}", headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204
    session.expire_all()
    assert session.get(Mandate, mandate_id) is None
    assert_problem(client.get(f"{URL}/{mandate_id}", headers=admin_headers), 404)


def test_as_of_must_be_a_date(client: TestClient) -> None:
    body = assert_problem(client.get(URL, params={"as_of": "0"}), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "as_of"]


def test_the_holder_is_a_member_of_the_committee_when_the_mandate_begins(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee, since=date(2021, 1, 1))

    before = client.post(URL, json=_new(committee.id, person.id), headers=admin_headers)
    on_time = client.post(
        URL, json=_new(committee.id, person.id, starts_on="2021-01-01"), headers=admin_headers
    )
    moved = client.patch(
        f"{URL}/{on_time.json()['id']}", json={"starts_on": "2020-12-31"}, headers=admin_headers
    )

    body = assert_problem(before, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "person_id"]
    assert "2020-09-01" in body["detail"]
    assert on_time.status_code == 201, on_time.text
    assert "2020-12-31" in assert_problem(moved, 422, "validation-error")["detail"]
