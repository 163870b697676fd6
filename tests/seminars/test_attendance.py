import uuid

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.seminars.models import SeminarRegistration
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_member
from tests.outbox import no_event, one_event
from tests.seminars.factories import make_registration, make_seminar


def test_attendance_is_recorded_in_bulk_with_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    people = [make_member(session, committee=committee) for _ in range(3)]
    regs = [
        make_registration(session, seminar=seminar, committee=committee, person=p) for p in people
    ]
    sent = [
        {"person_id": str(people[0].id), "status": "present"},
        {"person_id": str(people[1].id), "status": "excused"},
        {"person_id": str(people[2].id), "status": "registered"},  # unchanged
    ]

    with one_event(session, "seminar.attendance.recorded") as written:
        response = client.put(
            f"/api/v1/seminars/{seminar.id}/attendance", json={"items": sent}, headers=admin_headers
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["updated"] == 2
    assert {i["person"]["id"]: i["status"] for i in body["items"]} == {
        s["person_id"]: s["status"] for s in sent
    }
    assert written.events[0].payload == {
        "seminar_id": str(seminar.id),
        "items": [
            {
                "registration_id": str(regs[0].id),
                "person_id": str(people[0].id),
                "from": "registered",
                "to": "present",
            },
            {
                "registration_id": str(regs[1].id),
                "person_id": str(people[1].id),
                "from": "registered",
                "to": "excused",
            },
        ],
    }
    session.expire_all()
    stored = session.exec(
        select(SeminarRegistration.person_id, SeminarRegistration.status).where(
            SeminarRegistration.seminar_id == seminar.id
        )
    ).all()
    assert dict(stored) == {p.id: s["status"] for p, s in zip(people, sent, strict=True)}


def test_attendance_refuses_unregistered_people_naming_the_items(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    registered = make_member(session, committee=committee)
    make_registration(session, seminar=seminar, committee=committee, person=registered)
    elsewhere = make_member(session, committee=committee)
    make_registration(session, seminar=make_seminar(session), committee=committee, person=elsewhere)
    sent = [
        {"person_id": str(registered.id), "status": "present"},
        {"person_id": str(elsewhere.id), "status": "present"},
        {"person_id": str(uuid.uuid4()), "status": "absent"},
    ]

    with no_event(session):
        response = client.put(
            f"/api/v1/seminars/{seminar.id}/attendance", json={"items": sent}, headers=admin_headers
        )

    problem = assert_problem(response, 422)
    assert [e["loc"] for e in problem["errors"]] == [
        ["body", "items", 1, "person_id"],
        ["body", "items", 2, "person_id"],
    ]
    session.expire_all()
    statuses = session.exec(
        select(SeminarRegistration.status).where(SeminarRegistration.person_id == registered.id)
    ).all()
    assert statuses == ["registered"]


def test_attendance_refuses_a_person_listed_twice_and_an_empty_list(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    person = make_member(session, committee=committee)
    make_registration(session, seminar=seminar, committee=committee, person=person)
    url = f"/api/v1/seminars/{seminar.id}/attendance"
    twice = [{"person_id": str(person.id), "status": s} for s in ("present", "absent")]

    with no_event(session):
        assert_problem(client.put(url, json={"items": twice}, headers=admin_headers), 422)
        assert_problem(client.put(url, json={"items": []}, headers=admin_headers), 422)


def test_a_committee_admin_may_not_record_seminar_attendance(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    person = make_member(session, committee=committee)
    make_registration(session, seminar=seminar, committee=committee, person=person)
    admin = make_user(session, role=Role.committee_admin, committee=committee)

    with no_event(session):
        response = client.put(
            f"/api/v1/seminars/{seminar.id}/attendance",
            json={"items": [{"person_id": str(person.id), "status": "present"}]},
            headers=auth(admin),
        )

    assert_problem(response, 403, "forbidden")


def test_summary_counts_by_committee_and_status(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    a = make_committee(session, name="A comité", short_name="CLTS A")
    b = make_committee(session, name="B comité", short_name="CLTS B")
    seminar = make_seminar(session)
    for committee, statuses in ((a, ["present", "present", "absent"]), (b, ["excused"])):
        for status in statuses:
            make_registration(
                session,
                seminar=seminar,
                committee=committee,
                person=make_member(session, committee=committee),
                status=status,
            )
    url = f"/api/v1/seminars/{seminar.id}/summary"
    zero = {"registered": 0, "present": 0, "excused": 0, "absent": 0}
    a_line = {
        "committee": {"id": str(a.id), "short_name": "CLTS A"},
        "counts": zero | {"present": 2, "absent": 1, "total": 3},
    }
    b_line = {
        "committee": {"id": str(b.id), "short_name": "CLTS B"},
        "counts": zero | {"excused": 1, "total": 1},
    }

    everything = client.get(url, headers=admin_headers)
    a_only = client.get(
        url, headers=auth(make_user(session, role=Role.committee_admin, committee=a))
    )
    member = client.get(url, headers=auth(make_user(session, role=Role.member, committee=a)))

    assert everything.status_code == 200, everything.text
    assert everything.json() == {
        "seminar_id": str(seminar.id),
        "committees": [a_line, b_line],
        "totals": zero | {"present": 2, "absent": 1, "excused": 1, "total": 4},
    }
    assert a_only.json()["committees"] == [a_line]
    assert a_only.json()["totals"] == a_line["counts"]
    assert_problem(member, 403, "forbidden")


def test_a_summary_without_registrations_has_no_line_and_an_unknown_seminar_is_404(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    # Registered elsewhere: another seminar's registrations are not this one's.
    make_registration(
        session,
        seminar=make_seminar(session),
        committee=committee,
        person=make_member(session, committee=committee),
    )
    url = f"/api/v1/seminars/{seminar.id}/summary"
    zero = {"registered": 0, "present": 0, "excused": 0, "absent": 0, "total": 0}
    empty = {"seminar_id": str(seminar.id), "committees": [], "totals": zero}

    everything = client.get(url, headers=admin_headers)
    own = client.get(
        url, headers=auth(make_user(session, role=Role.committee_admin, committee=committee))
    )
    unknown = client.get(f"/api/v1/seminars/{uuid.uuid4()}/summary", headers=admin_headers)

    assert everything.status_code == 200, everything.text
    assert everything.json() == empty
    assert own.json() == empty
    assert_problem(unknown, 404)
