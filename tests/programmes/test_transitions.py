from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import LOCAL_TZ, today
from api.programmes.models import WorkProgramme
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.programmes.factories import make_programme

ALLOWED = {
    "draft": {"proposed"},
    "proposed": {"validated", "draft"},
    "validated": {"in_progress", "proposed"},
    "in_progress": {"closed", "proposed"},
    "closed": set(),
}
STATUSES = list(ALLOWED)


def _move(
    client: TestClient, programme: WorkProgramme, headers: dict[str, str], **body: Any
) -> Any:
    return client.post(
        f"/api/v1/work-programmes/{programme.id}/transitions", json=body, headers=headers
    )


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_only_the_lifecycle_s_moves_are_allowed(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    current: str,
    target: str,
) -> None:
    programme = make_programme(session, committee=make_committee(session), status=current)

    response = _move(client, programme, admin_headers, status=target)

    if target in ALLOWED[current]:
        assert response.status_code == 200, response.text
        assert response.json()["status"] == target
    else:
        body = assert_problem(response, 409, "conflict")
        allowed = ", ".join(sorted(ALLOWED[current])) or "none"
        assert f"allowed from '{current}': {allowed}" in body["detail"]
        session.refresh(programme)
        assert programme.status == current


def test_the_history_is_dated_and_names_who_and_which_meeting(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    cotech = make_meeting(
        session,
        committee=committee,
        body_id=make_body(session, committee=committee, kind="cotech").id,
        starts_at=datetime(2024, 2, 1, 9, tzinfo=UTC),
    )
    copil = make_meeting(
        session,
        committee=committee,
        body_id=make_body(session, committee=committee, kind="copil").id,
        starts_at=datetime(2024, 3, 12, 14, tzinfo=UTC),
    )
    programme = make_programme(session, committee=committee, drafted_on=date(2024, 1, 10))
    headers = auth(admin)

    proposed = _move(client, programme, headers, status="proposed", effective_on="2024-02-01",
                     meeting_id=str(cotech.id), note="Proposé par le COTECH")  # fmt: skip
    validated = _move(client, programme, headers, status="validated", effective_on="2024-03-15",
                      meeting_id=str(copil.id))  # fmt: skip
    history = client.get(f"/api/v1/work-programmes/{programme.id}/transitions", headers=headers)

    assert proposed.status_code == 200, proposed.text
    assert validated.status_code == 200, validated.text
    assert validated.headers["ETag"] == '"3"'
    items = history.json()["items"]
    assert [(i["status"], i["effective_on"], i["meeting_id"]) for i in items] == [
        ("draft", "2024-01-10", None),
        ("proposed", "2024-02-01", str(cotech.id)),
        ("validated", "2024-03-15", str(copil.id)),
    ]
    assert [i["actor_id"] for i in items[1:]] == [str(admin.id)] * 2
    assert items[1]["note"] == "Proposé par le COTECH"


def test_the_effective_date_defaults_to_today(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))

    assert _move(client, programme, admin_headers, status="proposed").status_code == 200
    history = client.get(
        f"/api/v1/work-programmes/{programme.id}/transitions", headers=admin_headers
    ).json()
    assert history["items"][-1]["effective_on"] == today().isoformat()


def test_a_future_date_is_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    tomorrow = (today() + timedelta(days=1)).isoformat()

    response = _move(client, programme, admin_headers, status="proposed", effective_on=tomorrow)

    assert_problem(response, 422, "validation-error")


def test_a_date_before_the_last_transition_is_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session),
                               drafted_on=date(2024, 5, 1))  # fmt: skip

    response = _move(client, programme, admin_headers, status="proposed", effective_on="2024-04-30")
    same_day = _move(client, programme, admin_headers, status="proposed", effective_on="2024-05-01")

    body = assert_problem(response, 409)
    assert "2024-05-01" in body["detail"]
    assert same_day.status_code == 200


def _meeting_of(
    session: Session, committee: Committee, kind: str | None, on: date | None = None
) -> str:
    """A meeting of a body of `kind` (none: no body), on `on` (today by default: the
    factory's programmes are walked today)."""
    body_id = make_body(session, committee=committee, kind=kind).id if kind else None
    day = on or today()
    starts_at = datetime(day.year, day.month, day.day, 12, tzinfo=LOCAL_TZ)
    return str(make_meeting(session, committee=committee, body_id=body_id, starts_at=starts_at).id)


@pytest.mark.parametrize(
    ("status", "body_kind", "expected"),
    [
        ("proposed", "cotech", 200),
        ("proposed", None, 422),
        ("proposed", "agora", 200),
        ("proposed", "copil", 422),
        ("validated", "copil", 200),
        ("validated", "agora", 200),
        ("validated", None, 422),
        ("validated", "cotech", 422),
        ("validated", "plenary", 422),
    ],
)
def test_the_deciding_meeting_must_be_the_right_body_s(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    status: str,
    body_kind: str | None,
    expected: int,
) -> None:
    committee = make_committee(session)
    start = "draft" if status == "proposed" else "proposed"
    programme = make_programme(session, committee=committee, status=start)

    response = _move(client, programme, admin_headers, status=status,
                     meeting_id=_meeting_of(session, committee, body_kind))  # fmt: skip

    if expected == 200:
        assert response.status_code == 200, response.text
    else:
        body = assert_problem(response, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "meeting_id"]
        assert ("COTECH" if status == "proposed" else "COPIL") in body["detail"]
        session.refresh(programme)
        assert programme.status == start


@pytest.mark.parametrize(
    ("held_on", "expected"),
    [
        (date(2022, 5, 10), 422),  # years before the programme was even drafted
        (date(2025, 12, 31), 422),  # the day before the draft: it decided something else
        (date(2026, 1, 1), 200),  # the draft's own day
        (date(2026, 3, 2), 200),  # the transition's own day
        (date(2026, 3, 3), 422),  # after the transition it is said to decide
    ],
)
def test_the_deciding_meeting_is_held_between_the_last_step_and_the_transition(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    held_on: date,
    expected: int,
) -> None:
    committee = make_committee(session)
    programme = make_programme(session, committee=committee, drafted_on=date(2026, 1, 1))

    response = _move(client, programme, admin_headers, status="proposed",
                     effective_on="2026-03-02",
                     meeting_id=_meeting_of(session, committee, "cotech", held_on))  # fmt: skip

    if expected == 200:
        assert response.status_code == 200, response.text
    else:
        body = assert_problem(response, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "meeting_id"]
        assert held_on.isoformat() in body["detail"]
        session.refresh(programme)
        assert programme.status == "draft"


def test_the_deciding_meeting_s_day_is_the_local_one(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    """23:30 UTC on 2 March is 3 March in Paris: after a transition of 2 March."""
    committee = make_committee(session)
    programme = make_programme(session, committee=committee, drafted_on=date(2026, 1, 1))
    body_id = make_body(session, committee=committee, kind="cotech").id
    late = make_meeting(session, committee=committee, body_id=body_id,
                        starts_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))  # fmt: skip

    response = _move(client, programme, admin_headers, status="proposed",
                     effective_on="2026-03-02", meeting_id=str(late.id))  # fmt: skip

    assert "2026-03-03" in assert_problem(response, 422, "validation-error")["detail"]


def test_the_meeting_must_be_the_committee_s_and_exist(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    programme = make_programme(session, committee=committee)
    elsewhere = _meeting_of(session, make_committee(session), "cotech")

    foreign = _move(client, programme, admin_headers, status="proposed", meeting_id=elsewhere)
    unknown = _move(client, programme, admin_headers, status="proposed",
                    meeting_id="00000000-0000-0000-0000-000000000000")  # fmt: skip

    assert_problem(foreign, 422)
    assert_problem(unknown, 422)


def test_only_proposed_and_validated_name_a_meeting(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    programme = make_programme(session, committee=committee, status="validated")

    response = _move(client, programme, admin_headers, status="in_progress",
                     meeting_id=_meeting_of(session, committee, None))  # fmt: skip

    assert_problem(response, 422)


def test_if_match_is_honoured(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))

    response = client.post(
        f"/api/v1/work-programmes/{programme.id}/transitions",
        json={"status": "proposed"},
        headers=admin_headers | {"If-Match": '"7"'},
    )

    assert_problem(response, 412)


def test_unknown_status_is_a_validation_error(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))

    assert_problem(_move(client, programme, admin_headers, status="archived"), 422)
