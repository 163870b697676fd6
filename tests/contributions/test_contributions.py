"""Contributions: create, read (who sees what), edit and delete drafts, and their events."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.committees.models import Committee
from api.contributions.models import Contribution, ContributionTransition
from api.core.clock import today
from tests.assertions import assert_problem, item_ids
from tests.contributions.factories import make_contribution
from tests.database import count_statements
from tests.factories import auth, editing, make_committee, make_user
from tests.outbox import no_event, one_event
from tests.programmes.factories import make_deliverable

URL = "/api/v1/contributions"


def new(committee: Committee, **fields: Any) -> dict[str, Any]:
    return {
        "committee_id": str(committee.id),
        "kind": "inspiring_practice",
        "title": "Le café social hors les murs",
        "body": "Racontez-moi… je galère avec mes démarches.",
    } | fields


def admin_of(session: Session, committee: Committee) -> dict[str, str]:
    return auth(make_user(session, role=Role.committee_admin, committee=committee))


def member_of(session: Session, committee: Committee) -> dict[str, str]:
    return auth(make_user(session, role=Role.member, committee=committee))


# --- create -------------------------------------------------------------------------------


def test_an_admin_creates_a_draft_with_its_first_transition(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    user = make_user(session, role=Role.committee_admin, committee=committee)
    body = new(committee, links=["https://example.org/cafe-social"], themes=["Aller-vers"])

    with one_event(session, "contribution.created") as written:
        response = client.post(URL, json=body, headers=auth(user))

    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{created['id']}"
    assert created["status"] == "draft"
    assert created["status_since"] == today().isoformat()
    assert created["drafted_on"] == today().isoformat()
    assert created["submitted_on"] is None
    assert created["acknowledged_on"] is None
    assert created["closed_on"] is None
    assert created["response"] is None
    assert created["created_by"] == str(user.id)
    assert created["links"] == ["https://example.org/cafe-social"]
    assert created["themes"] == ["Aller-vers"]
    [step] = session.exec(
        select(ContributionTransition).where(
            ContributionTransition.contribution_id == uuid.UUID(created["id"])
        )
    ).all()
    assert (step.from_status, step.to_status, step.effective_on) == (None, "draft", today())
    assert step.by_user_id == user.id
    assert written.events[0].committee_id == committee.id
    assert written.events[0].payload == {"contribution_id": created["id"], "status": "draft"}


def test_themes_and_links_are_bounded_and_de_duplicated(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    themes = ["Accès aux droits", "acces aux droits", "Numérique", "Numérique"]
    links = ["https://example.org/a", "http://example.org/b", "https://example.org/a"]

    response = client.post(URL, json=new(committee, themes=themes, links=links),
                           headers=admin_headers)  # fmt: skip

    assert response.status_code == 201, response.text
    assert response.json()["themes"] == ["Accès aux droits", "Numérique"]
    assert response.json()["links"] == ["https://example.org/a", "http://example.org/b"]


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"links": ["ftp://example.org/file"]}, ["body", "links", 0]),
        ({"links": ["javascript:alert(1)"]}, ["body", "links", 0]),
        ({"links": [f"https://example.org/{i}" for i in range(21)]}, ["body", "links"]),
        ({"themes": ["x" * 81]}, ["body", "themes", 0]),
        ({"themes": [f"thème {i}" for i in range(21)]}, ["body", "themes"]),
        ({"kind": "complaint"}, ["body", "kind"]),
        ({"title": ""}, ["body", "title"]),
        ({"drafted_on": "2999-01-01"}, ["body", "drafted_on"]),
    ],
)
def test_invalid_fields_are_refused_without_event(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    fields: dict[str, Any],
    loc: list[Any],
) -> None:
    committee = make_committee(session)

    with no_event(session):
        response = client.post(URL, json=new(committee, **fields), headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert loc in [e["loc"] for e in body["errors"]]


def test_a_committee_the_caller_does_not_manage_is_403_an_unknown_one_422(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own, other = make_committee(session), make_committee(session, is_public=False)
    headers = admin_of(session, own)

    with no_event(session):
        foreign = client.post(URL, json=new(other), headers=headers)
        as_member = client.post(URL, json=new(own), headers=member_of(session, own))
        unknown = client.post(URL, json=new(other, committee_id=str(uuid.uuid4())),
                              headers=admin_headers)  # fmt: skip

    assert_problem(foreign, 403, "forbidden")
    assert_problem(as_member, 403, "forbidden")
    body = assert_problem(unknown, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "committee_id"]


def test_the_deliverable_must_be_of_that_committee_s_programmes(
    client: TestClient, session: Session
) -> None:
    committee, other = make_committee(session), make_committee(session)
    own_deliverable = make_deliverable(session, committee=committee)
    other_deliverable = make_deliverable(session, committee=other)
    headers = admin_of(session, committee)

    ok = client.post(URL, json=new(committee, deliverable_id=str(own_deliverable.id)),
                     headers=headers)  # fmt: skip
    with no_event(session):
        refused = [
            client.post(URL, json=new(committee, deliverable_id=str(d)), headers=headers)
            for d in (other_deliverable.id, uuid.uuid4())
        ]

    assert ok.status_code == 201, ok.text
    assert ok.json()["deliverable_id"] == str(own_deliverable.id)
    for response in refused:
        body = assert_problem(response, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "deliverable_id"]


# --- read ---------------------------------------------------------------------------------


def test_who_reads_what(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee, other = make_committee(session), make_committee(session)
    draft = make_contribution(session, committee=committee)
    submitted = make_contribution(session, committee=committee, status="submitted")
    elsewhere = make_contribution(session, committee=other, status="answered")
    callers = {
        "network_admin": admin_headers,
        "admin": admin_of(session, committee),
        "member": member_of(session, committee),
        "other_admin": admin_of(session, other),
        "nobody": auth(make_user(session)),
    }
    expected = {
        "network_admin": {draft.id, submitted.id, elsewhere.id},
        "admin": {draft.id, submitted.id},
        "member": {submitted.id},
        "other_admin": {elsewhere.id},
        "nobody": set(),
    }

    for caller, headers in callers.items():
        listed = client.get(URL, headers=headers).json()["items"]
        seen = {uuid.UUID(c["id"]) for c in listed} & {draft.id, submitted.id, elsewhere.id}
        assert seen == expected[caller], caller
        for contribution in (draft, submitted, elsewhere):
            response = client.get(f"{URL}/{contribution.id}", headers=headers)
            if contribution.id in expected[caller]:
                assert response.status_code == 200, (caller, response.text)
                assert response.headers["ETag"] == f'"{contribution.version}"'
            else:
                assert_problem(response, 404, "not-found")


def test_the_list_is_newest_first_paged_and_filtered(client: TestClient, session: Session) -> None:
    committee, other = make_committee(session), make_committee(session)
    made = [
        make_contribution(session, committee=committee, kind=kind, status=status)
        for kind, status in [("production", "draft"), ("proposal", "submitted"),
                             ("production", "acknowledged"), ("field_question", "declined")]
    ]  # fmt: skip
    make_contribution(session, committee=other)
    headers = admin_of(session, committee)
    newest_first = [str(c.id) for c in reversed(made)]

    first = client.get(URL, params={"limit": 3}, headers=headers).json()
    second = client.get(URL, params={"limit": 3, "cursor": first["next_cursor"]},
                        headers=headers).json()  # fmt: skip

    assert [c["id"] for c in first["items"] + second["items"]] == newest_first
    assert second["next_cursor"] is None

    def ids(**params: str) -> list[str]:
        return item_ids(client.get(URL, params=params, headers=headers))

    assert ids(kind="production") == [str(made[2].id), str(made[0].id)]
    assert ids(status="submitted") == [str(made[1].id)]
    assert ids(committee_id=str(committee.id), kind="field_question") == [str(made[3].id)]
    assert ids(committee_id=str(other.id)) == []


def test_a_page_with_its_step_dates_costs_the_same_statements_whatever_its_size(
    client: TestClient, session: Session, connection: Connection, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    for status in ("draft", "submitted", "acknowledged", "taken_up", "answered", "declined"):
        make_contribution(session, committee=committee, status=status)
    session.commit()
    with count_statements(connection) as statements:
        counts = []
        for limit in (2, 6):
            statements.clear()
            response = client.get(URL, params={"limit": limit, "committee_id": str(committee.id)},
                                  headers=admin_headers)  # fmt: skip
            assert len(response.json()["items"]) == limit
            counts.append(len(statements))

    assert counts[0] == counts[1]
    steps = {c["status"]: c for c in response.json()["items"]}
    assert steps["declined"]["closed_on"] == today().isoformat()
    assert steps["acknowledged"]["closed_on"] is None
    assert steps["submitted"]["submitted_on"] == today().isoformat()


# --- edit and delete ----------------------------------------------------------------------


def test_an_admin_edits_a_draft(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    contribution = make_contribution(session, committee=committee)
    deliverable = make_deliverable(session, committee=committee)
    url, version = f"{URL}/{contribution.id}", contribution.version
    changes = {"title": "Révisé", "themes": ["FALC"], "deliverable_id": str(deliverable.id)}

    with one_event(session, "contribution.updated") as written:
        response = client.patch(url, json=changes, headers=admin_of(session, committee) |
                                {"If-Match": f'"{version}"'})  # fmt: skip

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == f'"{version + 1}"'
    assert response.json()["title"] == "Révisé"
    assert response.json()["themes"] == ["FALC"]
    assert response.json()["deliverable_id"] == str(deliverable.id)
    assert written.events[0].payload == {
        "contribution_id": str(contribution.id),
        "fields": ["deliverable_id", "themes", "title"],
    }
    cleared = client.patch(
        url,
        json={"deliverable_id": None},
        headers=editing(client, url, admin_of(session, committee)),
    )
    assert cleared.json()["deliverable_id"] is None
    with no_event(session):
        unchanged = client.patch(
            url, json={}, headers=editing(client, url, admin_of(session, committee))
        )
    assert unchanged.headers["ETag"] == cleared.headers["ETag"]


def test_refused_edits_write_no_event(client: TestClient, session: Session) -> None:
    committee, other = make_committee(session), make_committee(session)
    draft = make_contribution(session, committee=committee)
    submitted = make_contribution(session, committee=committee, status="submitted")
    headers = admin_of(session, committee)
    foreign_deliverable = make_deliverable(session, committee=other)

    with no_event(session):
        sent = client.patch(
            f"{URL}/{submitted.id}",
            json={"title": "Réécrit"},
            headers=editing(client, f"{URL}/{submitted.id}", headers),
        )
        stale = client.patch(f"{URL}/{draft.id}", json={"title": "x"},
                             headers=headers | {"If-Match": '"99"'})  # fmt: skip
        by_member = client.patch(f"{URL}/{submitted.id}", json={"title": "x"},
                                 headers=member_of(session, committee))  # fmt: skip
        bad_deliverable = client.patch(
            f"{URL}/{draft.id}",
            json={"deliverable_id": str(foreign_deliverable.id)},
            headers=editing(client, f"{URL}/{draft.id}", headers),
        )
        null_title = client.patch(
            f"{URL}/{draft.id}",
            json={"title": None},
            headers=editing(client, f"{URL}/{draft.id}", headers),
        )

    body = assert_problem(sent, 409, "conflict")
    assert "Only a draft contribution can be edited; this one is submitted" in body["detail"]
    assert_problem(stale, 412, "precondition-failed")
    assert_problem(by_member, 403, "forbidden")
    assert_problem(bad_deliverable, 422, "validation-error")
    assert_problem(null_title, 422, "validation-error")
    session.refresh(submitted)
    assert submitted.title != "Réécrit"


def test_only_drafts_are_deleted(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    draft = make_contribution(session, committee=committee)
    submitted = make_contribution(session, committee=committee, status="submitted")
    headers = admin_of(session, committee)

    with no_event(session):
        refused = client.delete(
            f"{URL}/{submitted.id}", headers=editing(client, f"{URL}/{submitted.id}", headers)
        )
        stale = client.delete(f"{URL}/{draft.id}", headers=headers | {"If-Match": '"99"'})
    with one_event(session, "contribution.deleted") as written:
        deleted = client.delete(f"{URL}/{draft.id}", headers=headers | {"If-Match": '"1"'})

    body = assert_problem(refused, 409, "conflict")
    assert "Only a draft contribution can be deleted" in body["detail"]
    assert_problem(stale, 412, "precondition-failed")
    assert deleted.status_code == 204, deleted.text
    assert written.events[0].payload == {"contribution_id": str(draft.id)}
    assert session.get(Contribution, draft.id) is None
    assert session.get(Contribution, submitted.id) is not None
    left = select(ContributionTransition).where(ContributionTransition.contribution_id == draft.id)
    assert session.exec(left).all() == []
