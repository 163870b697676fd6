"""Attendance tallies (api.meetings.tallies) after each way attendance is written: every time,
the live tallies equal those counted again from the attendance, and say what was written."""

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import insert
from sqlmodel import Session

from api.committees.models import Committee
from api.meetings import tallies
from api.meetings.models import Attendance, Meeting
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import editing, make_committee, save
from tests.meetings.factories import make_meeting
from tests.meetings.tallies_helpers import assert_kept, kept, of, rebuilt
from tests.memberships.factories import make_member


def _url(meeting: Meeting) -> str:
    return f"/api/v1/meetings/{meeting.id}/attendance"


def _entries(*pairs: tuple[Person, str]) -> dict[str, Any]:
    return {"entries": [{"person_id": str(p.id), "status": s} for p, s in pairs]}


def _record(
    client: TestClient, headers: dict[str, str], meeting: Meeting, *pairs: tuple[Person, str]
) -> None:
    response = client.put(_url(meeting), json=_entries(*pairs), headers=headers)
    assert response.status_code == 200, response.text


def _members(session: Session, committee: Committee, *categories: str) -> list[Person]:
    return [make_member(session, committee=committee, category=c) for c in categories]


def test_recorded_attendance_is_tallied_by_status_and_category(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    a, b, c = _members(session, committee, "social_worker", "social_worker", "student")

    _record(client, admin_headers, meeting, (a, "present"), (b, "present"), (c, "excused"))

    assert of(meeting, assert_kept(session)) == {
        ("present", "social_worker"): 2,
        ("excused", "student"): 1,
    }


def test_a_status_change_moves_the_person_to_its_tally(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    a, b = _members(session, committee, "manager", "manager")
    _record(client, admin_headers, meeting, (a, "registered"), (b, "registered"))

    _record(client, admin_headers, meeting, (a, "present"), (b, "registered"))
    assert of(meeting, assert_kept(session)) == {
        ("registered", "manager"): 1,
        ("present", "manager"): 1,
    }
    _record(client, admin_headers, meeting, (b, "present"))
    # The emptied tally goes rather than stays at zero.
    assert of(meeting, assert_kept(session)) == {("present", "manager"): 2}


def test_removed_attendance_is_no_longer_tallied(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    a, b = _members(session, committee, "volunteer", "volunteer")
    _record(client, admin_headers, meeting, (a, "absent"), (b, "absent"))

    first = client.delete(f"{_url(meeting)}/{a.id}", headers=admin_headers)
    assert first.status_code == 204, first.text
    assert of(meeting, assert_kept(session)) == {("absent", "volunteer"): 1}
    second = client.delete(f"{_url(meeting)}/{b.id}", headers=admin_headers)
    assert second.status_code == 204, second.text
    assert of(meeting, assert_kept(session)) == {}


def test_a_meeting_goes_with_its_tallies_once_its_attendance_is_removed(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    other = make_meeting(session, committee=committee)
    (person,) = _members(session, committee, "elected_official")
    _record(client, admin_headers, meeting, (person, "present"))
    _record(client, admin_headers, other, (person, "present"))
    url = f"/api/v1/meetings/{meeting.id}"

    # The attendance refuses the delete; the tallies, which cascade, are not what refuses it.
    refused = client.delete(url, headers=editing(client, url, admin_headers))
    problem = assert_problem(refused, 409, "conflict")
    assert "tall" not in problem["detail"]
    assert of(meeting, assert_kept(session)) == {("present", "elected_official"): 1}

    removed = client.delete(f"{_url(meeting)}/{person.id}", headers=admin_headers)
    deleted = client.delete(url, headers=editing(client, url, admin_headers))

    assert (removed.status_code, deleted.status_code) == (204, 204), deleted.text
    live = assert_kept(session)
    assert of(meeting, live) == {}
    assert of(other, live) == {("present", "elected_official"): 1}


def test_many_people_at_once_on_two_meetings(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting, other = (make_meeting(session, committee=committee) for _ in range(2))
    categories = ("person_supported", "social_worker", "student", "other")
    people = _members(session, committee, *(categories[n % 4] for n in range(120)))
    statuses = ("registered", "present", "excused", "absent")
    _record(client, admin_headers, other, *((p, "present") for p in people[:30]))
    before = of(other, kept(session))

    _record(client, admin_headers, meeting, *((p, statuses[n % 4]) for n, p in enumerate(people)))
    # Half change status, some stay as they were, and newcomers come: one request.
    changed = [(p, statuses[(n + 1) % 4]) for n, p in enumerate(people[:60])]
    same = [(p, statuses[n % 4]) for n, p in enumerate(people) if 60 <= n < 100]
    newcomers = _members(session, committee, *categories)
    _record(client, admin_headers, meeting, *changed, *same, *((p, "present") for p in newcomers))

    live = assert_kept(session)
    assert sum(of(meeting, live).values()) == 124
    assert of(meeting, live)[("present", "person_supported")] == 15 + 1
    assert of(other, live) == before
    assert sum(before.values()) == 30


def test_attendance_written_straight_through_the_orm_is_tallied_too(session: Session) -> None:
    """The flush keeps the tallies, whichever code wrote the rows (a loader, a factory)."""
    committee = make_committee(session)
    meeting, other = (make_meeting(session, committee=committee) for _ in range(2))
    a, b = _members(session, committee, "trainer_researcher", "manager")
    row = save(
        session, Attendance(meeting_id=meeting.id, person_id=a.id, status="present", category="x")
    )
    assert of(meeting, assert_kept(session)) == {("present", "x"): 1}

    row.status = "absent"
    session.add(row)
    session.add(Attendance(meeting_id=other.id, person_id=b.id, status="present", category="y"))
    session.flush()  # one flush, two meetings
    live = assert_kept(session)
    assert (of(meeting, live), of(other, live)) == ({("absent", "x"): 1}, {("present", "y"): 1})

    session.delete(row)
    session.flush()
    assert of(meeting, assert_kept(session)) == {}


def test_rebuild_counts_attendance_written_around_the_orm(session: Session) -> None:
    """A bulk load (the bench's COPY) bypasses the flush: it counts the tallies after."""
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    people = _members(session, committee, "student", "student", "other")
    session.execute(
        insert(Attendance),
        [
            {"meeting_id": meeting.id, "person_id": p.id, "status": "present",
             "category": p.category}
            for p in people
        ],
    )  # fmt: skip
    assert of(meeting, kept(session)) == {}

    tallies.rebuild(session.connection())

    assert of(meeting, assert_kept(session)) == {("present", "student"): 2, ("present", "other"): 1}
    assert of(meeting, rebuilt(session)) == of(meeting, kept(session))


def test_refresh_recounts_only_the_meetings_given(session: Session) -> None:
    committee = make_committee(session)
    meeting, other = (make_meeting(session, committee=committee) for _ in range(2))
    (person,) = _members(session, committee, "other")
    for m in (meeting, other):
        session.execute(
            insert(Attendance),
            [{"meeting_id": m.id, "person_id": person.id, "status": "absent", "category": "z"}],
        )

    tallies.refresh(session.connection(), [meeting.id, uuid.uuid4()])

    live = kept(session)
    assert (of(meeting, live), of(other, live)) == ({("absent", "z"): 1}, {})
