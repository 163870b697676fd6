import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today, utcnow
from api.people.models import Person
from api.seminars.models import Seminar, SeminarRegistration
from api.seminars.service import SeminarNotFound
from api.seminars.service_registrations import RegistrationNotFound
from tests.assertions import assert_problem, item_ids
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import insert_membership, make_member
from tests.organisations.factories import make_organisation
from tests.outbox import no_event, one_event
from tests.people.factories import make_person
from tests.seminars.factories import make_registration, make_seminar


def _url(seminar: Seminar) -> str:
    return f"/api/v1/seminars/{seminar.id}/registrations"


def _body(committee: Committee, person: Person) -> dict[str, str]:
    return {"committee_id": str(committee.id), "person_id": str(person.id)}


def _login_of(session: Session, person: Person, *, role: Role, committee: Committee) -> User:
    user = make_user(session, role=role, committee=committee)
    user.person_id = person.id
    session.add(user)
    session.flush()
    return user


def test_a_committee_admin_registers_a_member_with_a_snapshot_and_one_event(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    organisation = make_organisation(session, name="Association Le Lien")
    person = make_member(
        session, committee=committee, category="manager", organisation_id=organisation.id
    )
    seminar = make_seminar(session)

    with one_event(session, "seminar.registration.created") as written:
        response = client.post(_url(seminar), json=_body(committee, person), headers=auth(admin))

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["committee"] == {"id": str(committee.id), "short_name": committee.short_name}
    assert body["person"] == {
        "id": str(person.id),
        "first_name": person.first_name,
        "last_name": person.last_name,
    }
    assert (body["status"], body["category"]) == ("registered", "manager")
    assert body["organisation"] == {"id": str(organisation.id), "name": "Association Le Lien"}
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{_url(seminar)}/{body['id']}"
    event = written.events[0]
    assert event.committee_id == committee.id
    assert event.payload == {
        "seminar_id": str(seminar.id),
        "registration_id": body["id"],
        "person_id": str(person.id),
        "status": "registered",
    }
    stored = session.get(SeminarRegistration, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.registered_by == admin.id

    # The snapshot stays as it was when the person registered.
    person.category = "student"
    person.organisation_id = None
    session.add(person)
    session.flush()
    again = client.get(f"{_url(seminar)}/{body['id']}", headers=auth(admin)).json()
    assert (again["category"], again["organisation"]["name"]) == ("manager", "Association Le Lien")


def test_a_member_registers_themself_but_nobody_else(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    me = make_member(session, committee=committee)
    other = make_member(session, committee=committee)
    user = _login_of(session, me, role=Role.member, committee=committee)
    seminar = make_seminar(session)

    with no_event(session):
        refused = client.post(_url(seminar), json=_body(committee, other), headers=auth(user))
    assert_problem(refused, 403, "forbidden")

    with one_event(session, "seminar.registration.created"):
        response = client.post(_url(seminar), json=_body(committee, me), headers=auth(user))
    assert response.status_code == 201, response.text


def test_a_member_may_not_register_through_a_committee_where_they_hold_no_role(
    client: TestClient, session: Session
) -> None:
    mine, theirs = make_committee(session), make_committee(session)
    me = make_member(session, committee=mine)
    insert_membership(session, committee=theirs, person=me)
    user = _login_of(session, me, role=Role.member, committee=mine)

    with no_event(session):
        response = client.post(
            _url(make_seminar(session)), json=_body(theirs, me), headers=auth(user)
        )

    assert_problem(response, 403, "forbidden")


def test_an_admin_may_not_register_for_another_committee(
    client: TestClient, session: Session
) -> None:
    mine, theirs = make_committee(session), make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=mine)
    person = make_member(session, committee=theirs)

    response = client.post(
        _url(make_seminar(session)), json=_body(theirs, person), headers=auth(admin)
    )

    assert_problem(response, 403, "forbidden")


@pytest.mark.parametrize(
    "case", ["unknown committee", "former member", "other committee", "nobody"]
)
def test_register_refuses_committees_and_people_that_do_not_fit(
    client: TestClient, admin_headers: dict[str, str], session: Session, case: str
) -> None:
    committee = make_committee(session)
    body: dict[str, Any]
    if case == "unknown committee":
        body = {"committee_id": str(uuid.uuid4()), "person_id": str(make_person(session).id)}
        field = "committee_id"
    else:
        field = "person_id"
        person = make_person(session)
        if case == "former member":
            insert_membership(
                session, committee=committee, person=person, end_on=today() - timedelta(days=1)
            )
        elif case == "other committee":
            insert_membership(session, committee=make_committee(session), person=person)
        body = (
            _body(committee, person)
            if case != "nobody"
            else {
                "committee_id": str(committee.id),
                "person_id": str(uuid.uuid4()),
            }
        )

    with no_event(session):
        response = client.post(_url(make_seminar(session)), json=body, headers=admin_headers)

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["body", field]


def test_registration_asks_for_a_term_on_the_seminar_s_day_not_today(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    """A seminar in 40 days: a term ending before it does not do; one starting before it does;
    the day is the local one (23:30 UTC is the next day in Paris)."""
    committee = make_committee(session)
    seminar_day = today() + timedelta(days=40)
    starts_at = datetime.combine(seminar_day - timedelta(days=1), time(23, 30), tzinfo=UTC)
    seminar = make_seminar(session, starts_at=starts_at)
    leaving, joining, on_the_day = (make_person(session) for _ in range(3))
    insert_membership(session, committee=committee, person=leaving, start_on=today(),
                      end_on=seminar_day - timedelta(days=1))  # fmt: skip
    insert_membership(session, committee=committee, person=joining,
                      start_on=today() + timedelta(days=10))  # fmt: skip
    insert_membership(session, committee=committee, person=on_the_day, start_on=seminar_day,
                      end_on=seminar_day)  # fmt: skip

    with no_event(session):
        refused = client.post(_url(seminar), json=_body(committee, leaving), headers=admin_headers)
    accepted = [
        client.post(_url(seminar), json=_body(committee, p), headers=admin_headers)
        for p in (joining, on_the_day)
    ]

    problem = assert_problem(refused, 422, "validation-error")
    assert problem["errors"][0]["loc"] == ["body", "person_id"]
    assert seminar_day.isoformat() in problem["detail"]
    assert [r.status_code for r in accepted] == [201, 201]


@pytest.mark.parametrize("case", ["deadline passed", "started", "twice"])
def test_register_refuses_when_closed_or_already_registered(
    client: TestClient, admin_headers: dict[str, str], session: Session, case: str
) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee)
    if case == "deadline passed":
        seminar = make_seminar(session, registration_deadline=today() - timedelta(days=1))
    elif case == "started":
        seminar = make_seminar(session, starts_at=utcnow() - timedelta(minutes=5))
    else:
        seminar = make_seminar(session)
        make_registration(session, seminar=seminar, committee=committee, person=person)

    with no_event(session):
        response = client.post(_url(seminar), json=_body(committee, person), headers=admin_headers)

    assert_problem(response, 409, "conflict")


def test_registration_is_open_on_the_deadline_day(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee)
    seminar = make_seminar(session, registration_deadline=today())

    response = client.post(_url(seminar), json=_body(committee, person), headers=admin_headers)

    assert response.status_code == 201, response.text


def test_list_shows_each_caller_what_they_may_read(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    a, b = make_committee(session), make_committee(session)
    seminar = make_seminar(session)
    a_people = [make_member(session, committee=a, last_name=n) for n in ("Abel", "Zola")]
    b_person = make_member(session, committee=b, last_name="Martin")
    regs = {
        p.id: make_registration(session, seminar=seminar, committee=a, person=p) for p in a_people
    }
    b_reg = make_registration(
        session, seminar=seminar, committee=b, person=b_person, status="present"
    )
    make_registration(
        session, seminar=make_seminar(session), committee=a, person=a_people[0]
    )  # another seminar's
    a_admin = make_user(session, role=Role.committee_admin, committee=a)
    b_member = _login_of(session, b_person, role=Role.member, committee=b)
    a_member = make_user(session, role=Role.member, committee=a)

    def ids(headers: dict[str, str], **params: Any) -> list[str]:
        return item_ids(client.get(_url(seminar), params=params, headers=headers))

    in_name_order = [str(regs[p.id].id) for p in a_people]
    assert ids(admin_headers) == [in_name_order[0], str(b_reg.id), in_name_order[1]]
    assert ids(admin_headers, committee_id=str(b.id)) == [str(b_reg.id)]
    assert ids(admin_headers, status="present") == [str(b_reg.id)]
    assert ids(auth(a_admin)) == in_name_order
    assert ids(auth(a_admin), committee_id=str(b.id)) == []
    assert ids(auth(b_member)) == [str(b_reg.id)]
    assert ids(auth(a_member)) == []
    assert_problem(
        client.get(f"{_url(seminar)}/{regs[a_people[0].id].id}", headers=auth(b_member)), 404
    )
    own = client.get(f"{_url(seminar)}/{b_reg.id}", headers=auth(b_member))
    assert own.status_code == 200
    assert own.headers["ETag"] == f'"{b_reg.version}"'


def test_unregister_by_an_admin_or_oneself_writes_one_event(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    me = make_member(session, committee=committee)
    user = _login_of(session, me, role=Role.member, committee=committee)
    other = make_member(session, committee=committee)
    seminar = make_seminar(session)
    mine = make_registration(session, seminar=seminar, committee=committee, person=me)
    theirs = make_registration(session, seminar=seminar, committee=committee, person=other)

    with no_event(session):
        stale = client.delete(
            f"{_url(seminar)}/{mine.id}", headers=auth(user) | {"If-Match": '"7"'}
        )
        hidden = client.delete(f"{_url(seminar)}/{theirs.id}", headers=auth(user))
    assert_problem(stale, 412)
    assert_problem(hidden, 404)

    with one_event(session, "seminar.registration.deleted") as written:
        response = client.delete(
            f"{_url(seminar)}/{mine.id}",
            headers=editing(client, f"{_url(seminar)}/{mine.id}", auth(user)),
        )
    assert response.status_code == 204
    assert written.events[0].payload == {
        "seminar_id": str(seminar.id),
        "registration_id": str(mine.id),
        "person_id": str(me.id),
    }
    with one_event(session, "seminar.registration.deleted"):
        response = client.delete(
            f"{_url(seminar)}/{theirs.id}",
            headers=editing(client, f"{_url(seminar)}/{theirs.id}", auth(admin)),
        )
    assert response.status_code == 204
    session.expire_all()
    assert session.get(SeminarRegistration, mine.id) is None


def test_unregister_is_refused_once_the_seminar_has_started(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session, starts_at=utcnow() - timedelta(hours=1))
    registration = make_registration(
        session,
        seminar=seminar,
        committee=committee,
        person=make_member(session, committee=committee),
    )

    with no_event(session):
        response = client.delete(
            f"{_url(seminar)}/{registration.id}",
            headers=editing(client, f"{_url(seminar)}/{registration.id}", admin_headers),
        )

    assert_problem(response, 409, "conflict")


def test_registrations_of_an_unknown_seminar_are_404(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get(f"/api/v1/seminars/{uuid.uuid4()}/registrations", headers=admin_headers)

    assert_problem(response, 404)


def test_a_registration_of_an_unknown_seminar_or_of_another_one_is_404(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar, other = make_seminar(session), make_seminar(session)
    registration = make_registration(
        session,
        seminar=seminar,
        committee=committee,
        person=make_member(session, committee=committee),
    )

    unknown = client.get(
        f"/api/v1/seminars/{uuid.uuid4()}/registrations/{registration.id}", headers=admin_headers
    )
    elsewhere = client.get(f"{_url(other)}/{registration.id}", headers=admin_headers)

    # Which 404: the seminar's own, or the registration's in a seminar that exists.
    assert assert_problem(unknown, 404)["detail"] == SeminarNotFound.default_detail
    assert assert_problem(elsewhere, 404)["detail"] == RegistrationNotFound.default_detail
