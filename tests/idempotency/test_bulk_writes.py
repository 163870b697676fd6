"""Bulk writes accept an Idempotency-Key (DESIGN §4): a retry with the same key and body gets
the first answer and changes nothing more; a key reused for another request is refused."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select, update

from api.auth.permissions import Role
from api.core.clock import utcnow
from api.idempotency.models import IdempotencyRecord
from api.meetings.models import Attendance, Meeting
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member
from tests.outbox import no_event, one_event
from tests.seminars.factories import make_registration, make_seminar


def _meeting_with(session: Session, n: int) -> tuple[Meeting, list[Person]]:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    return meeting, [make_member(session, committee=committee) for _ in range(n)]


def _attendance(people: list[Person], status: str) -> dict[str, Any]:
    return {"entries": [{"person_id": str(p.id), "status": status} for p in people]}


def _statuses(session: Session, meeting: Meeting) -> dict[uuid.UUID, str]:
    session.expire_all()
    rows = session.exec(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    return {row.person_id: row.status for row in rows}


def _put(
    client: TestClient, url: str, body: dict[str, Any], headers: dict[str, str], key: str | None
) -> Any:
    extra = {"Idempotency-Key": key} if key is not None else {}
    return client.put(url, json=body, headers=headers | extra)


def test_a_retry_gets_the_first_answer_and_changes_nothing(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting, people = _meeting_with(session, 2)
    url = f"/api/v1/meetings/{meeting.id}/attendance"
    first = _put(client, url, _attendance(people, "present"), admin_headers, "retry-1")
    # Someone else changes the attendance before the client retries.
    later = _put(client, url, _attendance(people, "absent"), admin_headers, None)

    retry = _put(client, url, _attendance(people, "present"), admin_headers, "retry-1")

    assert first.status_code == later.status_code == 200, (first.text, later.text)
    assert retry.status_code == 200, retry.text
    assert retry.json() == first.json()
    assert (first.json()["created"], later.json()["updated"]) == (2, 2)
    assert _statuses(session, meeting) == {p.id: "absent" for p in people}  # not re-run


def test_a_key_reused_for_a_different_request_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting, people = _meeting_with(session, 2)
    other, others = _meeting_with(session, 1)
    url = f"/api/v1/meetings/{meeting.id}/attendance"
    _put(client, url, _attendance(people, "present"), admin_headers, "k")

    other_body = _put(client, url, _attendance(people, "excused"), admin_headers, "k")
    other_meeting = _put(
        client,
        f"/api/v1/meetings/{other.id}/attendance",
        _attendance(others, "present"),
        admin_headers,
        "k",
    )

    for response in (other_body, other_meeting):
        problem = assert_problem(response, 422, "validation-error")
        assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert _statuses(session, meeting) == {p.id: "present" for p in people}
    assert _statuses(session, other) == {}


def test_keys_belong_to_their_user(client: TestClient, session: Session) -> None:
    meeting, people = _meeting_with(session, 1)
    url = f"/api/v1/meetings/{meeting.id}/attendance"
    alice = auth(make_user(session, role=Role.network_admin))
    bruno = auth(make_user(session, role=Role.network_admin))

    first = _put(client, url, _attendance(people, "present"), alice, "shared")
    second = _put(client, url, _attendance(people, "excused"), bruno, "shared")

    assert (first.status_code, second.status_code) == (200, 200), second.text
    assert _statuses(session, meeting) == {people[0].id: "excused"}


def test_a_key_lasts_a_day(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting, people = _meeting_with(session, 1)
    url = f"/api/v1/meetings/{meeting.id}/attendance"
    _put(client, url, _attendance(people, "present"), admin_headers, "daily")
    session.exec(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.key == "daily")  # type: ignore[arg-type]
        .values(created_at=utcnow() - timedelta(hours=25))
    )
    _put(client, url, _attendance(people, "absent"), admin_headers, None)

    again = _put(client, url, _attendance(people, "present"), admin_headers, "daily")

    assert again.status_code == 200, again.text
    assert again.json()["updated"] == 1  # run again, not replayed
    assert _statuses(session, meeting) == {people[0].id: "present"}


def test_expired_answers_are_deleted_whoever_wrote_them(
    client: TestClient, session: Session
) -> None:
    # Answers may name people: they must not outlive their day in the table.
    meeting, people = _meeting_with(session, 1)
    url = f"/api/v1/meetings/{meeting.id}/attendance"
    alice = auth(make_user(session, role=Role.network_admin))
    bruno = auth(make_user(session, role=Role.network_admin))
    _put(client, url, _attendance(people, "present"), alice, "old")
    session.exec(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.key == "old")  # type: ignore[arg-type]
        .values(created_at=utcnow() - timedelta(hours=25))
    )

    _put(client, url, _attendance(people, "absent"), bruno, "new")

    session.expire_all()
    assert session.exec(select(IdempotencyRecord.key)).all() == ["new"]


def test_a_refused_write_keeps_no_key(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting, people = _meeting_with(session, 1)
    stranger = make_member(session, committee=make_committee(session))
    url = f"/api/v1/meetings/{meeting.id}/attendance"

    refused = _put(client, url, _attendance([stranger], "present"), admin_headers, "oops")
    fixed = _put(client, url, _attendance(people, "present"), admin_headers, "oops")

    assert_problem(refused, 422)
    assert fixed.status_code == 200, fixed.text


@pytest.mark.parametrize("key", [b"", b"a" * 201, b"with space", "clé".encode()])
def test_malformed_keys_are_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session, key: bytes
) -> None:
    meeting, people = _meeting_with(session, 1)

    response = client.put(
        f"/api/v1/meetings/{meeting.id}/attendance",
        json=_attendance(people, "present"),
        headers={**admin_headers, "Idempotency-Key": key},
    )

    assert_problem(response, 422)
    assert _statuses(session, meeting) == {}


def test_seminar_attendance_replayed_writes_no_second_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    seminar = make_seminar(session)
    person = make_member(session, committee=committee)
    make_registration(session, seminar=seminar, committee=committee, person=person)
    url = f"/api/v1/seminars/{seminar.id}/attendance"
    body = {"items": [{"person_id": str(person.id), "status": "present"}]}

    with one_event(session, "seminar.attendance.recorded"):
        first = _put(client, url, body, admin_headers, "seminar-1")
    with no_event(session):
        retry = _put(client, url, body, admin_headers, "seminar-1")

    assert first.status_code == retry.status_code == 200, retry.text
    assert retry.json() == first.json()
