"""`updated_since` on the members list and on a person's memberships."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.memberships.models import Membership
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

SINCE = "2024-06-01T00:00:00Z"


def _aged(session: Session, term: Membership) -> Membership:
    term.updated_at = datetime(2020, 1, 1, tzinfo=UTC)
    session.add(term)
    session.flush()
    return term


def test_the_members_list_keeps_the_terms_changed_since(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    old = _aged(session, make_membership(session, committee=committee))
    recent = make_membership(session, committee=committee)
    url = f"/api/v1/committees/{committee.id}/members"

    since = client.get(url, params={"updated_since": SINCE, "all": "true"}, headers=admin_headers)
    paged = client.get(url, params={"updated_since": SINCE, "limit": 1}, headers=admin_headers)
    every = client.get(url, headers=admin_headers)

    assert [m["id"] for m in since.json()["items"]] == [str(recent.id)]
    assert paged.json()["next_cursor"] is None
    assert {m["id"] for m in every.json()["items"]} == {str(old.id), str(recent.id)}


def test_a_persons_memberships_changed_since(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    person = make_person(session)
    old = _aged(session, make_membership(session, committee=make_committee(session), person=person))
    recent = make_membership(session, committee=make_committee(session), person=person)
    url = f"/api/v1/people/{person.id}/memberships"

    since = client.get(url, params={"updated_since": SINCE}, headers=admin_headers)

    assert [m["id"] for m in since.json()["items"]] == [str(recent.id)]
    assert old.id != recent.id


def test_a_committee_admin_gets_an_empty_page_not_a_404_when_nothing_changed(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    person = make_person(session)
    _aged(session, make_membership(session, committee=committee, person=person))
    url = f"/api/v1/people/{person.id}/memberships"

    since = client.get(url, params={"updated_since": SINCE}, headers=auth(admin))
    stranger = client.get(
        url,
        params={"updated_since": SINCE},
        headers=auth(
            make_user(session, role=Role.committee_admin, committee=make_committee(session))
        ),
    )

    assert since.status_code == 200, since.text
    assert since.json()["items"] == []
    assert stranger.status_code == 404
