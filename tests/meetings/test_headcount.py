from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.meetings.models import Headcount, HeadcountLine, Meeting
from api.meetings.schemas import MAX_COUNT
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.meetings.factories import make_meeting

# Seed 002: "177 présents dont 140 professionnels, 13 étudiants, 8 élus, 16 personnes
# ressources, personnes concernées, bénévoles ; 58 structures représentées".
ARDECHE_LAUNCH = {
    "total": 177,
    "structures": 58,
    "counts": {"professional": 140, "student": 13, "elected_official": 8, "resource_person": 16},
}
# 2 February 2023 contribution day: 113 participants.
CONTRIBUTION_DAY = {
    "total": 113,
    "counts": {"professional": 73, "resource_person": 31, "student": 5, "elected_official": 4},
}


def _url(meeting: Meeting) -> str:
    return f"/api/v1/meetings/{meeting.id}/headcount"


@pytest.fixture
def launch_day(session: Session) -> Meeting:
    return make_meeting(
        session,
        committee=make_committee(session),
        kind="launch_day",
        title="Journée départementale de lancement du CLTS 07",
        starts_at=datetime(2022, 3, 29, 7, 30, tzinfo=UTC),
    )


def test_the_ardeche_launch_day_is_expressed_exactly(
    client: TestClient, admin_headers: dict[str, str], session: Session, launch_day: Meeting
) -> None:
    put = client.put(_url(launch_day), json=ARDECHE_LAUNCH, headers=admin_headers)
    got = client.get(_url(launch_day), headers=admin_headers)

    assert put.status_code == 200, put.text
    body = got.json()
    assert {k: body[k] for k in ARDECHE_LAUNCH} == ARDECHE_LAUNCH
    assert list(body["counts"]) == [
        "professional",
        "student",
        "elected_official",
        "resource_person",
    ]
    assert body["meeting_id"] == str(launch_day.id)
    assert got.headers["ETag"] == put.headers["ETag"]
    stored = session.get(Headcount, launch_day.id)
    assert stored is not None
    assert (stored.total, stored.structures) == (177, 58)
    lines = session.exec(
        select(HeadcountLine.category, HeadcountLine.count).where(
            HeadcountLine.meeting_id == launch_day.id
        )
    ).all()
    assert dict(lines) == ARDECHE_LAUNCH["counts"]


def test_the_contribution_day_is_expressed_exactly(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(
        session, committee=make_committee(session), starts_at=datetime(2023, 2, 2, 8, tzinfo=UTC)
    )

    response = client.put(_url(meeting), json=CONTRIBUTION_DAY, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.json()["total"] == 113
    assert response.json()["counts"] == CONTRIBUTION_DAY["counts"]
    assert response.json()["structures"] is None


def test_put_replaces_the_whole_headcount(
    client: TestClient, admin_headers: dict[str, str], session: Session, launch_day: Meeting
) -> None:
    client.put(_url(launch_day), json=ARDECHE_LAUNCH, headers=admin_headers)

    response = client.put(
        _url(launch_day), json={"counts": {"volunteer": 20, "other": 7}}, headers=admin_headers
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["counts"] == {"volunteer": 20, "other": 7}
    assert body["total"] == 27  # the sum, when no total is given
    assert body["structures"] is None
    session.expire_all()
    lines = session.exec(
        select(HeadcountLine.category).where(HeadcountLine.meeting_id == launch_day.id)
    ).all()
    assert sorted(lines) == ["other", "volunteer"]


def test_a_total_alone_is_a_headcount(
    client: TestClient, admin_headers: dict[str, str], launch_day: Meeting
) -> None:
    response = client.put(_url(launch_day), json={"total": 27}, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.json() | {"updated_at": None} == {
        "meeting_id": str(launch_day.id),
        "total": 27,
        "structures": None,
        "counts": {},
        "updated_at": None,
    }


def test_counts_that_do_not_add_up_are_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session, launch_day: Meeting
) -> None:
    wrong = ARDECHE_LAUNCH | {"total": 178}

    response = client.put(_url(launch_day), json=wrong, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert "177" in body["detail"]
    assert "178" in body["detail"]
    assert body["errors"][0]["loc"] == ["body", "counts"]
    assert session.get(Headcount, launch_day.id) is None


def test_a_total_derived_from_the_counts_keeps_to_the_maximum_total(
    client: TestClient, admin_headers: dict[str, str], session: Session, launch_day: Meeting
) -> None:
    # Each count is within bounds; their sum, the total, is not.
    counts = {"professional": MAX_COUNT, "student": 1}

    response = client.put(_url(launch_day), json={"counts": counts}, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "counts"]
    assert str(MAX_COUNT + 1) in body["detail"]
    assert session.get(Headcount, launch_day.id) is None


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"total": True},
        {"total": 1.0},
        {"structures": "3"},
        {"counts": {"student": False}},
        {"total": -1},
        {"structures": -3},
        {"counts": {"student": -1}},
        {"counts": {"pupil": 3}},
        {"total": 10**12},
        {"total": 3, "colour": "blue"},
        {"total": "many"},
    ],
)
def test_invalid_headcounts_are_refused(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    launch_day: Meeting,
    body: dict[str, Any],
) -> None:
    response = client.put(_url(launch_day), json=body, headers=admin_headers)

    assert_problem(response, 422, "validation-error")
    assert session.get(Headcount, launch_day.id) is None


def test_a_meeting_without_headcount_is_a_404(
    client: TestClient, admin_headers: dict[str, str], launch_day: Meeting
) -> None:
    response = client.get(_url(launch_day), headers=admin_headers)

    body = assert_problem(response, 404, "not-found")
    assert "headcount" in body["detail"]


def test_if_match_guards_the_headcount(
    client: TestClient, admin_headers: dict[str, str], launch_day: Meeting
) -> None:
    absent = client.put(
        _url(launch_day), json={"total": 1}, headers=admin_headers | {"If-Match": '"1"'}
    )
    first = client.put(_url(launch_day), json={"total": 1}, headers=admin_headers)
    second = client.put(
        _url(launch_day),
        json={"total": 2},
        headers=admin_headers | {"If-Match": first.headers["ETag"]},
    )
    stale = client.put(
        _url(launch_day),
        json={"total": 3},
        headers=admin_headers | {"If-Match": first.headers["ETag"]},
    )
    stale_delete = client.delete(
        _url(launch_day), headers=admin_headers | {"If-Match": first.headers["ETag"]}
    )

    assert_problem(absent, 412, "precondition-failed")
    assert second.status_code == 200, second.text
    assert second.headers["ETag"] != first.headers["ETag"]
    assert_problem(stale, 412, "precondition-failed")
    assert_problem(stale_delete, 412, "precondition-failed")
    assert client.get(_url(launch_day), headers=admin_headers).json()["total"] == 2


def test_delete_removes_the_headcount(
    client: TestClient, admin_headers: dict[str, str], session: Session, launch_day: Meeting
) -> None:
    client.put(_url(launch_day), json=ARDECHE_LAUNCH, headers=admin_headers)

    deleted = client.delete(
        _url(launch_day), headers=editing(client, _url(launch_day), admin_headers)
    )

    assert deleted.status_code == 204
    assert_problem(client.get(_url(launch_day), headers=admin_headers), 404, "not-found")
    session.expire_all()
    assert (
        session.exec(select(HeadcountLine).where(HeadcountLine.meeting_id == launch_day.id)).all()
        == []
    )


def test_members_read_but_do_not_write_headcounts(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    meeting = make_meeting(session, committee=committee)
    client.put(_url(meeting), json=ARDECHE_LAUNCH, headers=admin_headers)
    member = auth(make_user(session, role=Role.member, committee=committee))

    read = client.get(_url(meeting), headers=member)
    write = client.put(_url(meeting), json={"total": 1}, headers=member)

    assert read.json()["total"] == 177
    assert_problem(write, 403, "forbidden")
