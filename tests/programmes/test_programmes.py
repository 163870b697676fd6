import uuid
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.core.clock import today
from api.programmes.models import ProgrammeTransition, WorkProgramme
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.programmes.factories import make_programme

BODY = {"title": "Programme 2024-2025", "period_start": "2024-01-01", "period_end": "2025-12-31"}


def _url(committee_id: uuid.UUID) -> str:
    return f"/api/v1/committees/{committee_id}/work-programmes"


def test_create_starts_a_draft_with_its_first_transition(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)

    response = client.post(_url(committee.id), json=BODY, headers=auth(admin))

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "draft"
    assert body["committee_id"] == str(committee.id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/api/v1/work-programmes/{body['id']}"
    transitions = session.exec(
        select(ProgrammeTransition).where(ProgrammeTransition.programme_id == uuid.UUID(body["id"]))
    ).all()
    assert [(t.status, t.effective_on, t.actor_id) for t in transitions] == [
        ("draft", today(), admin.id)
    ]


def test_create_refuses_a_period_ending_before_it_starts(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    bad = BODY | {"period_end": "2023-12-31"}

    assert_problem(client.post(_url(committee.id), json=bad, headers=admin_headers), 422)


def test_create_refuses_a_future_draft_date(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    future = (today() + timedelta(days=1)).isoformat()

    response = client.post(
        _url(committee.id), json=BODY | {"drafted_on": future}, headers=admin_headers
    )

    assert_problem(response, 422, "validation-error")


def test_members_list_every_programme_anonymous_only_published_ones(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=True)
    member = make_user(session, role=Role.member, committee=committee)
    draft = make_programme(session, committee=committee, period_start=date(2022, 1, 1))
    validated = make_programme(
        session, committee=committee, status="validated", period_start=date(2023, 1, 1)
    )
    closed = make_programme(
        session, committee=committee, status="closed", period_start=date(2021, 1, 1)
    )
    make_programme(session, committee=make_committee(session), status="validated")

    as_member = client.get(_url(committee.id), headers=auth(member)).json()
    anonymous = client.get(_url(committee.id)).json()

    assert [p["id"] for p in as_member["items"]] == [
        str(closed.id), str(draft.id), str(validated.id)
    ]  # fmt: skip
    assert [p["id"] for p in anonymous["items"]] == [str(closed.id), str(validated.id)]


def test_list_filters_on_status_and_pages_by_cursor(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    made = [
        make_programme(session, committee=committee, period_start=date(2020 + n, 1, 1))
        for n in range(3)
    ]
    make_programme(session, committee=committee, status="proposed")

    first = client.get(_url(committee.id), params={"status": "draft", "limit": 2},
                       headers=admin_headers).json()  # fmt: skip
    second = client.get(
        _url(committee.id),
        params={"status": "draft", "limit": 2, "cursor": first["next_cursor"]},
        headers=admin_headers,
    ).json()

    ids = [p["id"] for p in first["items"] + second["items"]]
    assert ids == [str(p.id) for p in made]
    assert second["next_cursor"] is None


def test_a_private_committee_s_programmes_are_hidden_from_outsiders(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    programme = make_programme(session, committee=committee, status="validated")
    outsider = make_user(session, role=Role.member, committee=make_committee(session))

    assert_problem(client.get(_url(committee.id)), 404)
    assert_problem(client.get(_url(committee.id), headers=auth(outsider)), 404)
    assert_problem(client.get(f"/api/v1/work-programmes/{programme.id}"), 404)


def test_anonymous_reads_a_validated_programme_of_a_public_committee_not_a_draft(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=True)
    validated = make_programme(session, committee=committee, status="validated")
    draft = make_programme(session, committee=committee)

    ok = client.get(f"/api/v1/work-programmes/{validated.id}")
    hidden = client.get(f"/api/v1/work-programmes/{draft.id}")

    assert ok.status_code == 200
    assert ok.json()["status"] == "validated"
    assert ok.headers["ETag"] == f'"{validated.version}"'
    assert_problem(hidden, 404, "not-found")
    assert_problem(client.get(f"/api/v1/work-programmes/{draft.id}/transitions"), 404)


def test_patch_changes_title_and_period_with_if_match(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    url = f"/api/v1/work-programmes/{programme.id}"

    stale = client.patch(url, json={"title": "X"}, headers=admin_headers | {"If-Match": '"9"'})
    response = client.patch(
        url,
        json={"title": "Programme révisé", "period_end": "2026-06-30"},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert_problem(stale, 412)
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Programme révisé"
    assert response.headers["ETag"] == '"2"'
    session.refresh(programme)
    assert programme.period_end == date(2026, 6, 30)


def test_patch_refuses_a_period_ending_before_it_starts_and_nulls(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    url = f"/api/v1/work-programmes/{programme.id}"

    assert_problem(client.patch(url, json={"period_end": "2020-01-01"}, headers=admin_headers), 422)
    assert_problem(client.patch(url, json={"title": None}, headers=admin_headers), 422)


def test_patch_is_refused_once_validated(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session), status="validated")

    response = client.patch(
        f"/api/v1/work-programmes/{programme.id}",
        json={"title": "X"},
        headers=editing(client, f"/api/v1/work-programmes/{programme.id}", admin_headers),
    )

    body = assert_problem(response, 409, "conflict")
    assert "proposed" in body["detail"]
    session.refresh(programme)
    assert programme.title != "X"


def test_only_drafts_are_deleted(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    draft = make_programme(session, committee=committee)
    proposed = make_programme(session, committee=committee, status="proposed")

    gone = client.delete(
        f"/api/v1/work-programmes/{draft.id}",
        headers=editing(client, f"/api/v1/work-programmes/{draft.id}", admin_headers),
    )
    kept = client.delete(
        f"/api/v1/work-programmes/{proposed.id}",
        headers=editing(client, f"/api/v1/work-programmes/{proposed.id}", admin_headers),
    )

    assert gone.status_code == 204
    assert_problem(kept, 409)
    session.expire_all()
    assert session.get(WorkProgramme, draft.id) is None
    assert session.get(WorkProgramme, proposed.id) is not None


def test_a_member_may_read_but_not_write(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    member = make_user(session, role=Role.member, committee=committee)
    programme = make_programme(session, committee=committee)

    assert client.get(f"/api/v1/work-programmes/{programme.id}", headers=auth(member)).is_success
    assert_problem(client.post(_url(committee.id), json=BODY, headers=auth(member)), 403)
    assert_problem(
        client.patch(
            f"/api/v1/work-programmes/{programme.id}", json={"title": "X"}, headers=auth(member)
        ),
        403,
    )
