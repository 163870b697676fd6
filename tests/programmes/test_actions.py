import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.programmes.models import Action, ActionTag, Tag, WorkProgramme
from api.working_groups.models import WorkingGroup
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import make_person
from tests.programmes.factories import make_action, make_programme


def _tag(session: Session, code: str) -> Tag:
    tag = Tag(kind="hcts_axis", code=code, label=code)
    session.add(tag)
    session.flush()
    return tag


def _group(session: Session, committee_id: uuid.UUID) -> WorkingGroup:
    group = WorkingGroup(committee_id=committee_id, title="Accès aux droits", status="active")
    session.add(group)
    session.flush()
    return group


def _actions_url(programme: WorkProgramme) -> str:
    return f"/api/v1/work-programmes/{programme.id}/actions"


def test_create_appends_an_action_with_its_links(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    programme = make_programme(session, committee=committee)
    first = make_action(session, programme=programme)
    pilot = make_membership(session, committee=committee, end_on=date(2024, 6, 30)).person_id
    group = _group(session, committee.id)
    tags = [_tag(session, "axe-1"), _tag(session, "axe-2")]
    body: dict[str, Any] = {
        "title": "Réécrire les courriers en FALC",
        "theme": "Accès aux droits",
        "objectives": "Des courriers compris par leurs destinataires.",
        "method_step": "objectives_deliverables",
        "pilot_person_id": str(pilot),
        "working_group_id": str(group.id),
        "tag_ids": [str(t.id) for t in tags],
    }

    response = client.post(_actions_url(programme), json=body, headers=admin_headers)

    assert response.status_code == 201, response.text
    created = response.json()
    assert {k: created[k] for k in body if k != "tag_ids"} == {
        k: v for k, v in body.items() if k != "tag_ids"
    }
    assert sorted(created["tag_ids"]) == sorted(str(t.id) for t in tags)
    assert created["position"] == first.position + 1
    assert response.headers["ETag"] == '"1"'
    stored = session.exec(
        select(ActionTag.tag_id).where(ActionTag.action_id == uuid.UUID(created["id"]))
    ).all()
    assert set(stored) == {t.id for t in tags}


@pytest.mark.parametrize("field", ["pilot_person_id", "working_group_id", "tag_ids"])
def test_links_outside_the_committee_or_unknown_are_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str], field: str
) -> None:
    committee = make_committee(session)
    other = make_committee(session)
    programme = make_programme(session, committee=committee)
    bad: dict[str, Any] = {
        "pilot_person_id": str(make_membership(session, committee=other).person_id),
        "working_group_id": str(_group(session, other.id).id),
        "tag_ids": [str(uuid.uuid4())],
    }

    response = client.post(
        _actions_url(programme),
        json={"title": "A", "method_step": "calendar", field: bad[field]},
        headers=admin_headers,
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", field]
    assert session.exec(select(Action).where(Action.programme_id == programme.id)).all() == []


def test_a_person_without_membership_cannot_pilot(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    stranger = make_person(session)

    response = client.post(
        _actions_url(programme),
        json={"title": "A", "method_step": "calendar", "pilot_person_id": str(stranger.id)},
        headers=admin_headers,
    )

    assert_problem(response, 422)


def test_an_unknown_method_step_is_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))

    response = client.post(
        _actions_url(programme), json={"title": "A", "method_step": "step_8"}, headers=admin_headers
    )

    assert_problem(response, 422)


def test_list_in_order_then_reorder(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    a, b, c = (make_action(session, programme=programme) for _ in range(3))

    moved = client.patch(
        f"/api/v1/actions/{c.id}",
        json={"position": 1},
        headers=editing(client, f"/api/v1/actions/{c.id}", admin_headers),
    )
    page1 = client.get(_actions_url(programme), params={"limit": 2}, headers=admin_headers).json()
    page2 = client.get(
        _actions_url(programme),
        params={"limit": 2, "cursor": page1["next_cursor"]},
        headers=admin_headers,
    ).json()

    assert moved.status_code == 200, moved.text
    assert [i["id"] for i in page1["items"] + page2["items"]] == [str(c.id), str(a.id), str(b.id)]
    assert [i["position"] for i in page1["items"] + page2["items"]] == [1, 2, 3]


def test_patch_replaces_tags_and_clears_fields_with_if_match(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    old, new = _tag(session, "old"), _tag(session, "new")
    action = make_action(session, programme=programme, tag_ids=[old.id], objectives="Avant")
    url = f"/api/v1/actions/{action.id}"

    stale = client.patch(url, json={"theme": "X"}, headers=admin_headers | {"If-Match": '"5"'})
    response = client.patch(
        url,
        json={"tag_ids": [str(new.id)], "objectives": None},
        headers=admin_headers | {"If-Match": '"1"'},
    )

    assert_problem(stale, 412)
    assert response.status_code == 200, response.text
    assert response.json()["tag_ids"] == [str(new.id)]
    assert response.json()["objectives"] is None
    assert response.headers["ETag"] == '"2"'
    fetched = client.get(url, headers=admin_headers)
    assert fetched.json() == response.json()


def test_delete_an_action(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = make_action(
        session, programme=make_programme(session, committee=make_committee(session))
    )

    response = client.delete(
        f"/api/v1/actions/{action.id}",
        headers=editing(client, f"/api/v1/actions/{action.id}", admin_headers),
    )

    assert response.status_code == 204
    session.expire_all()
    assert session.get(Action, action.id) is None


@pytest.mark.parametrize("status", ["validated", "in_progress", "closed"])
def test_the_content_of_a_validated_programme_is_locked(
    client: TestClient, session: Session, admin_headers: dict[str, str], status: str
) -> None:
    programme = make_programme(session, committee=make_committee(session), status=status)
    action = make_action(session, programme=programme)
    url = f"/api/v1/actions/{action.id}"

    created = client.post(
        _actions_url(programme), json={"title": "A", "method_step": "calendar"},
        headers=admin_headers,
    )  # fmt: skip
    edited = client.patch(
        url, json={"title": "Changé"}, headers=editing(client, url, admin_headers)
    )
    deleted = client.delete(url, headers=editing(client, url, admin_headers))

    for response in (created, edited, deleted):
        assert_problem(response, 409, "conflict")
    session.expire_all()
    assert session.exec(select(Action).where(Action.programme_id == programme.id)).all() == [
        session.get(Action, action.id)
    ]
    assert session.get(Action, action.id).title == action.title  # type: ignore[union-attr]


def test_what_the_copil_validated_is_what_is_shown(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    """Editing validated content takes a move back to 'proposed' and a new validation."""
    programme = make_programme(session, committee=make_committee(session), status="proposed")
    action = make_action(session, programme=programme, title="Version validée")
    transitions = f"/api/v1/work-programmes/{programme.id}/transitions"
    client.post(transitions, json={"status": "validated"}, headers=admin_headers)
    shown_when_validated = client.get(_actions_url(programme)).json()

    path = f"/api/v1/actions/{action.id}"
    refused = client.patch(path, json={"title": "Retouche"},
                           headers=editing(client, path, admin_headers))  # fmt: skip
    shown_after_refusal = client.get(_actions_url(programme)).json()
    client.post(transitions, json={"status": "proposed"}, headers=admin_headers)
    reworked = client.patch(path, json={"title": "Retouche"},
                            headers=editing(client, path, admin_headers))  # fmt: skip

    assert_problem(refused, 409)
    assert shown_after_refusal == shown_when_validated
    assert shown_when_validated["items"][0]["title"] == "Version validée"
    assert reworked.status_code == 200
    assert_problem(client.get(_actions_url(programme)), 404)  # a proposal is not published


def test_anonymous_reads_actions_of_published_programmes_only(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session, is_public=True)
    published = make_action(session, programme=make_programme(session, committee=committee,
                                                              status="in_progress"))  # fmt: skip
    draft = make_action(session, programme=make_programme(session, committee=committee))

    assert client.get(f"/api/v1/actions/{published.id}").status_code == 200
    assert_problem(client.get(f"/api/v1/actions/{draft.id}"), 404)
    assert_problem(client.get(f"/api/v1/actions/{uuid.uuid4()}"), 404)


def test_a_member_reads_but_does_not_write_actions(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    member = make_user(session, role=Role.member, committee=committee)
    action = make_action(session, programme=make_programme(session, committee=committee))

    assert client.get(f"/api/v1/actions/{action.id}", headers=auth(member)).status_code == 200
    assert_problem(
        client.patch(f"/api/v1/actions/{action.id}", json={"title": "X"}, headers=auth(member)),
        403,
    )
