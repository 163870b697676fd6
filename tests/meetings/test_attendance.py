import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Attendance, Meeting
from api.memberships.models import Membership
from api.people.models import Person
from api.people.service import sort_key
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.memberships.factories import insert_membership, make_member
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person


def _url(meeting: Meeting) -> str:
    return f"/api/v1/meetings/{meeting.id}/attendance"


def _entries(*pairs: tuple[Person | uuid.UUID, str]) -> dict[str, Any]:
    return {
        "entries": [
            {"person_id": str(p if isinstance(p, uuid.UUID) else p.id), "status": s}
            for p, s in pairs
        ]
    }


def _rows(session: Session, meeting: Meeting) -> dict[uuid.UUID, Attendance]:
    session.expire_all()
    found = session.exec(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    return {row.person_id: row for row in found}


def test_bulk_record_snapshots_category_and_organisation(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    ccas = make_organisation(session, name="CCAS de Privas")
    worker = make_member(session, committee=committee, organisation_id=ccas.id)
    student = make_member(session, committee=committee, category="student")

    response = client.put(
        _url(meeting),
        json=_entries((worker, "present"), (student, "excused")),
        headers=admin_headers,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["updated"]) == (2, 0)
    assert [(i["person_id"], i["status"]) for i in body["items"]] == [
        (str(worker.id), "present"),
        (str(student.id), "excused"),
    ]
    assert body["items"][0]["organisation_name"] == "CCAS de Privas"
    rows = _rows(session, meeting)
    assert rows[worker.id].category == "social_worker"
    assert rows[worker.id].organisation_id == ccas.id
    assert rows[worker.id].organisation_name == "CCAS de Privas"
    assert rows[student.id].category == "student"
    assert rows[student.id].organisation_id is None


def test_later_changes_to_the_person_do_not_rewrite_attendance(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    ocellia = make_organisation(session, name="Ocellia", type="training_institute")
    person = make_member(
        session, committee=committee, category="student", organisation_id=ocellia.id
    )
    client.put(_url(meeting), json=_entries((person, "registered")), headers=admin_headers)
    # The student graduates and takes a job at the conseil départemental; Ocellia is renamed.
    department = make_organisation(session, name="Département de l'Ardèche")
    person.category = "social_worker"
    person.organisation_id = department.id
    ocellia.name = "Ocellia Valence"
    session.add_all([person, ocellia])
    session.flush()

    updated = client.put(_url(meeting), json=_entries((person, "present")), headers=admin_headers)
    listed = client.get(_url(meeting), headers=admin_headers)

    assert (updated.json()["created"], updated.json()["updated"]) == (0, 1)
    [row] = listed.json()["items"]
    assert row["status"] == "present"
    assert row["category"] == "student"
    assert row["organisation_id"] == str(ocellia.id)
    assert row["organisation_name"] == "Ocellia"
    # A new meeting records the person as they are now.
    later = make_meeting(session, committee=committee)
    client.put(_url(later), json=_entries((person, "present")), headers=admin_headers)
    now = _rows(session, later)[person.id]
    assert (now.category, now.organisation_name) == ("social_worker", "Département de l'Ardèche")


def test_a_former_member_may_be_recorded_for_a_meeting_of_their_term(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee, starts_at=_at(2022, 12, 31, 22))
    person = make_person(session)
    insert_membership(session, committee=committee, person=person, end_on=date(2022, 12, 31))

    response = client.put(_url(meeting), json=_entries((person, "absent")), headers=admin_headers)

    assert response.status_code == 200, response.text
    assert _rows(session, meeting)[person.id].status == "absent"


def test_only_people_holding_a_term_on_the_meeting_s_day_are_recorded(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    """The day is the local one: 23:30 UTC on 31 December is 1 January in Paris."""
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee, starts_at=_at(2023, 12, 31, 23, 30))
    member, left, upcoming, elsewhere = (make_person(session) for _ in range(4))
    insert_membership(session, committee=committee, person=member, start_on=date(2024, 1, 1))
    insert_membership(session, committee=committee, person=left, end_on=date(2023, 12, 31))
    insert_membership(session, committee=committee, person=upcoming, start_on=date(2024, 1, 2))
    insert_membership(session, committee=make_committee(session), person=elsewhere)

    refused = client.put(
        _url(meeting),
        json=_entries((member, "present"), (left, "present"), (upcoming, "present"),
                      (elsewhere, "present")),
        headers=admin_headers,
    )  # fmt: skip
    accepted = client.put(_url(meeting), json=_entries((member, "present")), headers=admin_headers)

    body = assert_problem(refused, 422, "validation-error")
    assert [e["loc"] for e in body["errors"]] == [
        ["body", "entries", i, "person_id"] for i in (1, 2, 3)
    ]
    assert "2024-01-01" in body["detail"]
    assert accepted.status_code == 200, accepted.text
    assert set(_rows(session, meeting)) == {member.id}


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_outsiders_are_refused_by_id_and_nothing_is_written(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    member = make_member(session, committee=committee)
    of_another_committee = make_member(session, committee=make_committee(session))
    unknown = uuid.uuid4()

    response = client.put(
        _url(meeting),
        json=_entries((member, "present"), (of_another_committee, "present"), (unknown, "present")),
        headers=admin_headers,
    )

    body = assert_problem(response, 422, "validation-error")
    assert str(of_another_committee.id) in body["detail"]
    assert str(unknown) in body["detail"]
    assert str(member.id) not in body["detail"]
    assert _rows(session, meeting) == {}


def test_a_person_listed_twice_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    person = make_member(session, committee=committee)

    response = client.put(
        _url(meeting), json=_entries((person, "present"), (person, "absent")), headers=admin_headers
    )

    body = assert_problem(response, 422, "validation-error")
    assert str(person.id) in body["detail"]
    assert _rows(session, meeting) == {}


def test_entries_are_checked(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))
    too_many = {"entries": [{"person_id": str(uuid.uuid4()), "status": "present"}] * 1001}

    for body in (
        {"entries": []},
        too_many,
        {"entries": [{"person_id": str(uuid.uuid4()), "status": "late"}]},
        {"entries": [{"person_id": "not-an-id", "status": "present"}]},
    ):
        assert_problem(client.put(_url(meeting), json=body, headers=admin_headers), 422)


def test_a_thousand_people_are_recorded_in_one_request(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    people = _many_members(session, committee, 1000)

    response = client.put(
        _url(meeting), json=_entries(*((p, "present") for p in people)), headers=admin_headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1000
    assert len(_rows(session, meeting)) == 1000


def test_admins_list_everyone_in_name_order_and_filter_by_status(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    meeting = make_meeting(session, committee=committee)
    zoe = make_member(session, committee=committee, first_name="Zoé", last_name="Arnaud")
    eve = make_member(session, committee=committee, first_name="Ève", last_name="Écuyer")
    bob = make_member(session, committee=committee, first_name="Bob", last_name="Martin")
    client.put(
        _url(meeting),
        json=_entries((bob, "present"), (zoe, "present"), (eve, "excused")),
        headers=admin_headers,
    )
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committee))

    first = client.get(_url(meeting), params={"limit": 2}, headers=pilot).json()
    second = client.get(
        _url(meeting), params={"limit": 2, "cursor": first["next_cursor"]}, headers=pilot
    ).json()
    present = client.get(_url(meeting), params={"status": "present"}, headers=pilot).json()

    assert [i["last_name"] for i in first["items"] + second["items"]] == [
        "Arnaud",
        "Écuyer",
        "Martin",
    ]
    assert [i["last_name"] for i in present["items"]] == ["Arnaud", "Martin"]


def test_a_member_sees_only_their_own_attendance(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    meeting = make_meeting(session, committee=committee)
    me = make_member(session, committee=committee)
    other = make_member(session, committee=committee, category="person_supported")
    session.add_all(
        [
            Attendance(meeting_id=meeting.id, person_id=p.id, status="present", category=p.category)
            for p in (me, other)
        ]
    )
    user = make_user(session, role=Role.member, committee=committee)
    user.person_id = me.id
    session.add(user)
    without_person = make_user(session, role=Role.member, committee=committee)
    session.flush()

    mine = client.get(_url(meeting), headers=auth(user))
    nobody = client.get(_url(meeting), headers=auth(without_person))
    write = client.put(_url(meeting), json=_entries((me, "absent")), headers=auth(user))

    assert [i["person_id"] for i in mine.json()["items"]] == [str(me.id)]
    assert nobody.json()["items"] == []
    assert_problem(write, 403, "forbidden")


def test_an_admin_of_another_committee_sees_nothing(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=True)
    meeting = make_meeting(session, committee=committee)
    person = make_member(session, committee=committee)
    session.add(
        Attendance(meeting_id=meeting.id, person_id=person.id, status="present", category="other")
    )
    session.flush()
    foreign = auth(make_user(session, role=Role.committee_admin, committee=make_committee(session)))

    response = client.get(_url(meeting), headers=foreign)

    # The committee is public, so the meeting's existence is not secret; its people are.
    assert_problem(response, 403, "forbidden")


def test_delete_removes_one_persons_attendance(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    person = make_member(session, committee=committee)
    client.put(_url(meeting), json=_entries((person, "registered")), headers=admin_headers)

    deleted = client.delete(f"{_url(meeting)}/{person.id}", headers=admin_headers)
    again = client.delete(f"{_url(meeting)}/{person.id}", headers=admin_headers)

    assert deleted.status_code == 204
    assert_problem(again, 404, "not-found")
    assert _rows(session, meeting) == {}


def _many_members(session: Session, committee: Committee, n: int) -> list[Person]:
    people = [
        Person(
            first_name=f"P{i}",
            last_name=f"N{i:04d}",
            sort_key=sort_key(f"P{i}", f"N{i:04d}"),
            category="social_worker",
        )
        for i in range(n)
    ]
    session.add_all(people)
    session.flush()
    session.add_all(
        [
            Membership(
                committee_id=committee.id,
                person_id=p.id,
                role="member",
                start_on=date(2022, 1, 1),
                sort_key=p.sort_key,
            )
            for p in people
        ]
    )
    session.flush()
    return people
