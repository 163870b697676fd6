import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.bodies.models import Body
from api.meetings.models import (
    ATTENDANCE_STATUSES,
    HEADCOUNT_CATEGORIES,
    MEETING_KINDS,
    MEETING_MODES,
    Attendance,
    Decision,
    ExpenseClaim,
    Meeting,
)
from api.meetings.schemas import AttendanceStatus, HeadcountCategory, MeetingKind, MeetingMode
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member

LAUNCH: dict[str, Any] = {
    "kind": "launch_day",
    "title": "Journée départementale de lancement du CLTS 07",
    "body_id": None,
    "starts_at": "2022-03-29T07:30:00Z",
    "ends_at": "2022-03-29T15:30:00Z",
    "mode": "in_person",
    "place": "Guilherand-Granges, salle Agora",
    "agenda": "Accueil, tables rondes, ateliers.",
}


def _url(committee_id: uuid.UUID) -> str:
    return f"/api/v1/committees/{committee_id}/meetings"


def _body(session: Session, committee_id: uuid.UUID, kind: str = "copil") -> Body:
    body = Body(committee_id=committee_id, kind=kind, name=kind.upper())
    session.add(body)
    session.flush()
    return body


def test_enums_mirror_the_tables() -> None:
    assert tuple(MeetingKind) == MEETING_KINDS
    assert tuple(MeetingMode) == MEETING_MODES
    assert tuple(AttendanceStatus) == ATTENDANCE_STATUSES
    assert tuple(HeadcountCategory) == HEADCOUNT_CATEGORIES


def test_create_returns_the_meeting_with_etag_and_location(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)

    response = client.post(_url(committee.id), json=LAUNCH, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in LAUNCH} == LAUNCH
    assert body["committee_id"] == str(committee.id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/api/v1/meetings/{body['id']}"
    stored = session.get(Meeting, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.committee_id == committee.id
    assert stored.kind == "launch_day"


def test_times_are_stored_in_utc(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    local = LAUNCH | {"starts_at": "2022-03-29T09:30:00+02:00", "ends_at": None}

    body = client.post(_url(committee.id), json=local, headers=admin_headers).json()

    assert body["starts_at"] == "2022-03-29T07:30:00Z"


def test_a_body_of_the_committee_may_be_named(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    copil = _body(session, committee.id)

    response = client.post(
        _url(committee.id),
        json=LAUNCH | {"kind": "body_meeting", "body_id": str(copil.id)},
        headers=admin_headers,
    )

    assert response.status_code == 201, response.text
    assert response.json()["body_id"] == str(copil.id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "seminar"}, "kind"),
        ({"mode": "postal"}, "mode"),
        ({"title": "  "}, "title"),
        ({"starts_at": "2022-03-29T07:30:00"}, "starts_at"),
        ({"starts_at": "not a time"}, "starts_at"),
        ({"starts_at": 1648539000}, "starts_at"),  # a Unix time is not ISO 8601
        ({"starts_at": "0.5"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00+14:00"}, "starts_at"),  # the calendar's edges
        ({"starts_at": "9999-12-31T23:59:59-14:00"}, "starts_at"),
        ({"ends_at": "9999-12-31T23:59:59-14:00"}, "ends_at"),
        ({"ends_at": "2022-03-29T07:29:59Z"}, "ends_at"),
        ({"place": "x" * 301}, "place"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_create_refuses_invalid_meetings(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    changes: dict[str, Any],
    field: str,
) -> None:
    committee = make_committee(session)

    response = client.post(_url(committee.id), json=LAUNCH | changes, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body["errors"]


def test_a_body_of_another_committee_or_none_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    other = make_committee(session)
    foreign_body = _body(session, other.id)

    for body_id in (foreign_body.id, uuid.uuid4()):
        response = client.post(
            _url(committee.id), json=LAUNCH | {"body_id": str(body_id)}, headers=admin_headers
        )
        body = assert_problem(response, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "body_id"]


def test_list_is_ordered_by_start_and_paged_with_a_cursor(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    other = make_committee(session)
    make_meeting(session, committee=other)
    titles = [f"Réunion {i}" for i in range(5)]
    for i, title in reversed(list(enumerate(titles))):
        make_meeting(session, committee=committee, title=title, starts_at=_at(f"2023-0{i + 1}-10"))

    first = client.get(_url(committee.id), params={"limit": 3}, headers=admin_headers).json()
    second = client.get(
        _url(committee.id),
        params={"limit": 3, "cursor": first["next_cursor"]},
        headers=admin_headers,
    ).json()

    assert [m["title"] for m in first["items"] + second["items"]] == titles
    assert second["next_cursor"] is None


def test_list_filters_by_period_kind_and_body(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    copil = _body(session, committee.id)
    make_meeting(session, committee=committee, title="avant", starts_at=_at("2022-12-31"))
    make_meeting(
        session, committee=committee, title="agora", kind="agora", starts_at=_at("2023-10-18")
    )
    make_meeting(
        session, committee=committee, title="copil", body_id=copil.id, starts_at=_at("2023-06-01")
    )
    make_meeting(session, committee=committee, title="après", starts_at=_at("2024-01-01"))

    def titles(**params: str) -> list[str]:
        response = client.get(_url(committee.id), params=params, headers=admin_headers)
        assert response.status_code == 200, response.text
        return [m["title"] for m in response.json()["items"]]

    assert titles(**{"from": "2023-01-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"}) == [
        "copil",
        "agora",
    ]
    assert titles(kind="agora") == ["agora"]
    assert titles(body_id=str(copil.id)) == ["copil"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2024-01-01T00:00:00Z", "to": "2023-01-01T00:00:00Z"},
        {"from": "2024-01-01T00:00:00"},
        {"to": "0.5"},
        {"to": "1700000000"},
        {"from": "0001-01-01T00:00:00+14:00"},
        {"to": "9999-12-31T23:59:59-14:00"},
        {"limit": "5.0"},
        {"limit": "1_0"},
        {"kind": "seminar"},
        {"cursor": "nonsense"},
    ],
)
def test_list_refuses_bad_filters(
    client: TestClient, admin_headers: dict[str, str], session: Session, params: dict[str, str]
) -> None:
    committee = make_committee(session)

    response = client.get(_url(committee.id), params=params, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_get_patch_and_etags(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session), place="Privas")
    url = f"/api/v1/meetings/{meeting.id}"

    read = client.get(url, headers=admin_headers)
    patched = client.patch(
        url,
        json={"title": "COPIL de printemps", "place": None, "mode": "hybrid"},
        headers=admin_headers | {"If-Match": read.headers["ETag"]},
    )
    stale = client.patch(
        url, json={"title": "Écrasé"}, headers=admin_headers | {"If-Match": read.headers["ETag"]}
    )

    assert read.status_code == 200
    assert read.headers["ETag"] == '"1"'
    assert patched.status_code == 200, patched.text
    assert patched.headers["ETag"] == '"2"'
    assert patched.json()["place"] is None
    assert patched.json()["mode"] == "hybrid"
    assert_problem(stale, 412, "precondition-failed")
    session.refresh(meeting)
    assert meeting.title == "COPIL de printemps"


@pytest.mark.parametrize(
    "changes",
    [
        {"title": None},
        {"ends_at": "2020-01-01T00:00:00Z"},
        {"starts_at": "2099-01-01T00:00:00Z"},
        {"starts_at": "0001-01-01T00:00:00+14:00"},  # the calendar's edges, in order
        {"ends_at": "9999-12-31T23:59:59-14:00"},
        {"body_id": "00000000-0000-4000-8000-000000000000"},
    ],
)
def test_patch_refuses_what_would_break_the_meeting(
    client: TestClient, admin_headers: dict[str, str], session: Session, changes: dict[str, Any]
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))

    response = client.patch(f"/api/v1/meetings/{meeting.id}", json=changes, headers=admin_headers)

    assert_problem(response, 422, "validation-error")


def test_delete_removes_the_meeting(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))
    url = f"/api/v1/meetings/{meeting.id}"

    stale = client.delete(url, headers=admin_headers | {"If-Match": '"7"'})
    deleted = client.delete(url, headers=admin_headers | {"If-Match": '"1"'})
    again = client.get(url, headers=admin_headers)

    assert_problem(stale, 412, "precondition-failed")
    assert deleted.status_code == 204
    assert_problem(again, 404, "not-found")
    session.expire_all()
    assert session.get(Meeting, meeting.id) is None


def test_a_meeting_with_records_is_deleted_only_once_they_are_removed(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    person = make_member(session, committee=committee)
    decision = Decision(meeting_id=meeting.id, position=1, text="Adopté.")
    session.add(decision)
    session.add(
        Attendance(meeting_id=meeting.id, person_id=person.id, status="present", category="other")
    )
    session.flush()
    url = f"/api/v1/meetings/{meeting.id}"

    refused = client.delete(url, headers=editing(client, url, admin_headers))
    removed = [
        client.delete(f"{url}/decisions/{decision.id}", headers=admin_headers),
        client.delete(f"{url}/attendance/{person.id}", headers=admin_headers),
    ]
    deleted = client.delete(url, headers=editing(client, url, admin_headers))

    problem = assert_problem(refused, 409, "conflict")
    assert problem["detail"].startswith("This meeting holds attendances, meeting decisions,")
    assert [r.status_code for r in removed] == [204, 204]
    assert deleted.status_code == 204, deleted.text
    session.expire_all()
    assert session.get(Meeting, meeting.id) is None


def test_a_meeting_with_expense_claims_is_not_deleted(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    person = make_member(session, committee=committee, category="person_supported")
    session.add(
        ExpenseClaim(meeting_id=meeting.id, person_id=person.id, amount_cents=1250, status="paid")
    )
    session.flush()

    response = client.delete(
        f"/api/v1/meetings/{meeting.id}",
        headers=editing(client, f"/api/v1/meetings/{meeting.id}", admin_headers),
    )

    assert_problem(response, 409, "conflict")
    session.expire_all()
    assert session.get(Meeting, meeting.id) is not None


def test_a_public_committees_meetings_are_for_its_people_only(
    client: TestClient, session: Session
) -> None:
    public = make_committee(session, is_public=True)
    meeting = make_meeting(session, committee=public)
    outsider = auth(make_user(session, role=Role.member, committee=make_committee(session)))

    listed = client.get(_url(public.id), headers=outsider)
    read = client.get(f"/api/v1/meetings/{meeting.id}", headers=outsider)
    anonymous = client.get(_url(public.id))

    assert_problem(listed, 403, "forbidden")
    assert_problem(read, 403, "forbidden")
    assert_problem(anonymous, 401, "unauthorized")


def test_an_unknown_meeting_is_a_404(client: TestClient, admin_headers: dict[str, str]) -> None:
    response = client.get(f"/api/v1/meetings/{uuid.uuid4()}", headers=admin_headers)

    assert_problem(response, 404, "not-found")


def _at(day: str) -> Any:
    from datetime import UTC, datetime

    return datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)
