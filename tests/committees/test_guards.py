"""The one guard rule (api.committees.guards), shown on the domains that declare their guards
from it: an object of a committee the caller cannot see is the object's own 404, one they
see but may not act on is a 403, one they may act on is theirs."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import ROLE_PERMISSIONS, Permission, Role
from api.committees.models import Committee
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import auth, editing, make_committee, make_user
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_membership
from tests.programmes.factories import make_action, make_programme
from tests.working_groups.factories import make_working_group

# (path, how to make the object in a committee, its 404's detail, a permission members lack)
CHILDREN: list[tuple[str, Callable[[Session, Committee], Any], str, tuple[str, dict[str, Any]]]] = [
    ("/api/v1/bodies/{}", lambda s, c: make_body(s, committee=c), "No body with this id.",
     ("PATCH", {"name": "Agora"})),
    ("/api/v1/meetings/{}", lambda s, c: make_meeting(s, committee=c),
     "No meeting with this id.", ("PATCH", {"title": "Plénière"})),
    ("/api/v1/working-groups/{}", lambda s, c: make_working_group(s, committee=c),
     "No working group with this id.", ("PATCH", {"title": "Logement"})),
    ("/api/v1/memberships/{}", lambda s, c: make_membership(s, committee=c),
     "No membership with this id.", ("GET", {})),
]  # fmt: skip
IDS = [path.split("/")[3] for path, *_ in CHILDREN]


@pytest.fixture
def own(session: Session) -> Committee:
    return make_committee(session, is_public=False)


def _call(client: TestClient, method: str, url: str, json: dict[str, Any], user: Any) -> Any:
    return client.request(method, url, json=json or None, headers=auth(user))


@pytest.mark.parametrize(("path", "make", "detail", "act"), CHILDREN, ids=IDS)
def test_an_object_of_a_committee_the_caller_cannot_see_is_its_own_404(
    client: TestClient, session: Session, own: Committee, path: str, make: Any, detail: str,
    act: tuple[str, dict[str, Any]],
) -> None:  # fmt: skip
    outsider = make_user(session, role=Role.committee_admin, committee=make_committee(session))
    url = path.format(make(session, own).id)

    for method, json in (("GET", {}), act):
        body = assert_problem(_call(client, method, url, json, outsider), 404, "not-found")
        assert body["detail"] == detail


@pytest.mark.parametrize(("path", "make", "detail", "act"), CHILDREN, ids=IDS)
def test_one_the_caller_sees_but_may_not_act_on_is_a_403_and_its_admin_may(
    client: TestClient, session: Session, own: Committee, path: str, make: Any, detail: str,
    act: tuple[str, dict[str, Any]],
) -> None:  # fmt: skip
    member = make_user(session, role=Role.member, committee=own)
    admin = make_user(session, role=Role.committee_admin, committee=own)
    url = path.format(make(session, own).id)
    method, json = act

    assert_problem(_call(client, method, url, json, member), 403, "forbidden")
    edited = client.request(method, url, json=json, headers=editing(client, url, auth(admin)))
    assert edited.status_code == 200, edited.text


def test_an_unknown_id_is_the_objects_404(client: TestClient, session: Session) -> None:
    admin = make_user(session, role=Role.network_admin)
    url = "/api/v1/bodies/00000000-0000-0000-0000-000000000000"

    body = assert_problem(client.get(url, headers=auth(admin)), 404, "not-found")
    assert body["detail"] == "No body with this id."


def test_a_public_committees_object_is_seen_and_so_refused_with_a_403(
    client: TestClient, session: Session
) -> None:
    body = make_body(session, committee=make_committee(session, is_public=True))
    stranger = make_user(session, role=Role.member, committee=make_committee(session))

    assert_problem(client.get(f"/api/v1/bodies/{body.id}", headers=auth(stranger)), 403)


def test_a_chain_reaches_the_committee_through_the_programme(
    client: TestClient, session: Session
) -> None:
    public = make_committee(session, is_public=True)
    draft = make_action(session, programme=make_programme(session, committee=public))
    shown = make_action(
        session, programme=make_programme(session, committee=public, status="validated")
    )
    member = make_user(session, role=Role.member, committee=public)

    # A draft is unseen by the public (404), a validated programme's action is public.
    unseen = assert_problem(client.get(f"/api/v1/actions/{draft.id}"), 404)
    assert unseen["detail"] == "No action with this id."
    assert client.get(f"/api/v1/actions/{shown.id}").status_code == 200
    # Its members see the draft but do not write it.
    assert client.get(f"/api/v1/actions/{draft.id}", headers=auth(member)).status_code == 200
    refused = client.patch(
        f"/api/v1/actions/{draft.id}", json={"title": "Autre"}, headers=auth(member)
    )
    assert_problem(refused, 403)


def test_every_role_that_grants_anything_on_a_committee_lets_it_be_seen() -> None:
    # child_guard skips the visibility query for a caller who holds the permission asked for.
    for role, permissions in ROLE_PERMISSIONS.items():
        assert Permission.committee_read in permissions, role


@pytest.mark.parametrize("kind", ["bodies", "meetings"])
def test_a_list_whose_page_tells_a_missing_committee_is_its_404(
    client: TestClient, admin_headers: dict[str, str], session: Session, kind: str
) -> None:
    # The network admin's guard reads nothing (`page_tells_missing`): an empty page asks
    # whether the committee exists.
    empty = make_committee(session)

    listed = client.get(f"/api/v1/committees/{empty.id}/{kind}", headers=admin_headers)
    assert listed.json()["items"] == []
    missing = client.get(f"/api/v1/committees/{uuid.uuid4()}/{kind}", headers=admin_headers)
    assert_problem(missing, 404, code="committee_not_found")
