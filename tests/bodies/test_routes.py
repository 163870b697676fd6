import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.bodies.models import Body
from api.meetings.models import Meeting
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import make_membership


def _url(committee_id: Any) -> str:
    return f"/api/v1/committees/{committee_id}/bodies"


def test_create_returns_the_body_with_etag_and_location(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    sent = {"kind": "agora", "name": "Agora du CLTS 07", "description": "Gouvernance 2023"}

    response = client.post(_url(committee.id), json=sent, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in sent} == sent
    assert body["committee_id"] == str(committee.id)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/api/v1/bodies/{body['id']}"
    stored = session.get(Body, uuid.UUID(body["id"]))
    assert stored is not None
    assert (stored.committee_id, stored.kind) == (committee.id, "agora")


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"kind": "board", "name": "CA"}, "kind"),
        ({"kind": "copil", "name": ""}, "name"),
        ({"kind": "copil"}, "name"),
        ({"kind": "copil", "name": "COPIL", "colour": "blue"}, "colour"),
    ],
)
def test_create_refuses_invalid_bodies(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    sent: dict[str, Any],
    field: str,
) -> None:
    committee = make_committee(session)

    response = client.post(_url(committee.id), json=sent, headers=admin_headers)

    problem = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in problem["errors"]), problem["errors"]


def test_list_is_the_committee_s_bodies_by_name_filtered_and_paged(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    make_body(session, committee=make_committee(session), name="Ailleurs")
    for kind, name in [("plenary", "Plénière"), ("copil", "COPIL"), ("cotech", "COTECH")]:
        make_body(session, committee=committee, kind=kind, name=name)

    first = client.get(_url(committee.id), params={"limit": 2}, headers=admin_headers).json()
    second = client.get(
        _url(committee.id),
        params={"limit": 2, "cursor": first["next_cursor"]},
        headers=admin_headers,
    ).json()
    copils = client.get(_url(committee.id), params={"kind": "copil"}, headers=admin_headers)

    assert [b["name"] for b in first["items"]] == ["COPIL", "COTECH"]
    assert [b["name"] for b in second["items"]] == ["Plénière"]
    assert second["next_cursor"] is None
    assert [b["name"] for b in copils.json()["items"]] == ["COPIL"]


def test_anyone_reads_the_bodies_of_a_public_committee_never_who_sits_in_them(
    client: TestClient, session: Session
) -> None:
    public = make_committee(session)
    private = make_committee(session, is_public=False)
    body = make_body(session, committee=public, kind="copil", name="COPIL")
    make_membership(session, committee=public, body_id=str(body.id))
    make_body(session, committee=private)

    read = client.get(_url(public.id))
    hidden = client.get(_url(private.id))

    assert read.status_code == 200
    assert [(b["kind"], b["name"]) for b in read.json()["items"]] == [("copil", "COPIL")]
    assert set(read.json()["items"][0]) == {
        "id", "committee_id", "kind", "name", "description", "created_at", "updated_at"
    }  # fmt: skip
    assert_problem(hidden, 404, "not-found")
    # Each body, and who sits in it, still need a login.
    assert client.get(f"/api/v1/bodies/{body.id}").status_code == 401


def test_a_member_reads_bodies_but_cannot_change_them(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    member = auth(make_user(session, role=Role.member, committee=committee))
    body = make_body(session, committee=committee)

    read = client.get(f"/api/v1/bodies/{body.id}", headers=member)
    change = client.patch(f"/api/v1/bodies/{body.id}", json={"name": "X"}, headers=member)

    assert read.status_code == 200
    assert read.json()["name"] == body.name
    assert_problem(change, 403, "forbidden")


def test_an_admin_of_another_committee_does_not_see_them(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=False)
    other_admin = auth(
        make_user(session, role=Role.committee_admin, committee=make_committee(session))
    )
    body = make_body(session, committee=committee)

    assert_problem(client.get(_url(committee.id), headers=other_admin), 404, "not-found")
    assert_problem(client.get(f"/api/v1/bodies/{body.id}", headers=other_admin), 404)
    assert_problem(client.delete(f"/api/v1/bodies/{body.id}", headers=other_admin), 404)


def test_patch_changes_what_is_sent_and_honours_if_match(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    body = make_body(session, committee=make_committee(session), description="avant")
    url = f"/api/v1/bodies/{body.id}"

    changed = client.patch(
        url, json={"kind": "cotech", "name": "COTECH"}, headers=admin_headers | {"If-Match": '"1"'}
    )
    stale = client.patch(url, json={"name": "Écrasé"}, headers=admin_headers | {"If-Match": '"1"'})
    null_name = client.patch(url, json={"name": None}, headers=admin_headers)

    assert changed.status_code == 200, changed.text
    assert (changed.json()["kind"], changed.json()["name"]) == ("cotech", "COTECH")
    assert changed.json()["description"] == "avant"
    assert changed.headers["ETag"] == '"2"'
    assert_problem(stale, 412, "precondition-failed")
    assert_problem(null_name, 422, "validation-error")
    name = session.exec(select(Body.name).where(Body.id == body.id)).one()
    assert name == "COTECH"


def test_delete_removes_an_unused_body(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    body = make_body(session, committee=make_committee(session))

    response = client.delete(
        f"/api/v1/bodies/{body.id}",
        headers=editing(client, f"/api/v1/bodies/{body.id}", admin_headers),
    )

    assert response.status_code == 204
    assert session.exec(select(Body.id).where(Body.id == body.id)).first() is None
    assert_problem(client.get(f"/api/v1/bodies/{body.id}", headers=admin_headers), 404)


@pytest.mark.parametrize("referrer", ["membership", "meeting"])
def test_delete_refuses_a_body_history_refers_to(
    client: TestClient, admin_headers: dict[str, str], session: Session, referrer: str
) -> None:
    committee = make_committee(session)
    body = make_body(session, committee=committee)
    if referrer == "membership":
        make_membership(session, committee=committee, body_id=str(body.id))
    else:
        starts_at = datetime(2024, 1, 9, 14, tzinfo=UTC)
        session.add(
            Meeting(
                committee_id=committee.id,
                body_id=body.id,
                kind="body_meeting",
                title="COPIL",
                starts_at=starts_at,
                mode="in_person",
            )
        )
        session.flush()

    response = client.delete(
        f"/api/v1/bodies/{body.id}",
        headers=editing(client, f"/api/v1/bodies/{body.id}", admin_headers),
    )

    problem = assert_problem(response, 409, "conflict")
    assert f"{referrer}s" in problem["detail"]
    assert session.exec(select(Body.id).where(Body.id == body.id)).first() == body.id


def test_delete_with_a_stale_etag_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    body = make_body(session, committee=make_committee(session))
    client.patch(
        f"/api/v1/bodies/{body.id}",
        json={"name": "v2"},
        headers=editing(client, f"/api/v1/bodies/{body.id}", admin_headers),
    )

    response = client.delete(
        f"/api/v1/bodies/{body.id}", headers=admin_headers | {"If-Match": '"1"'}
    )

    assert_problem(response, 412, "precondition-failed")
