"""Memberships are personal data: the committee's admins, network_admin, and the person."""

import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from tests.assertions import assert_problem, item_ids
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import link, make_person


def test_an_admin_of_b_sees_nothing_of_a(client: TestClient, session: Session) -> None:
    a = make_committee(session, is_public=False)
    b = make_committee(session, is_public=True)
    public_a = make_committee(session, is_public=True)
    admin_b = auth(make_user(session, role=Role.committee_admin, committee=b))
    term = make_membership(session, committee=a)
    public_term = make_membership(session, committee=public_a)

    listing = client.get(f"/api/v1/committees/{a.id}/members", headers=admin_b)
    public_listing = client.get(f"/api/v1/committees/{public_a.id}/members", headers=admin_b)
    read = client.get(f"/api/v1/memberships/{term.id}", headers=admin_b)
    public_read = client.get(f"/api/v1/memberships/{public_term.id}", headers=admin_b)
    ending = client.post(
        f"/api/v1/memberships/{term.id}/end", json={"end_on": "2024-02-01"}, headers=admin_b
    )
    person = client.get(f"/api/v1/people/{term.person_id}/memberships", headers=admin_b)
    enrol = client.post(
        f"/api/v1/committees/{public_a.id}/members",
        json={"person_id": str(make_person(session).id), "role": "member"},
        headers=admin_b,
    )

    assert_problem(listing, 404, "not-found")
    # A public committee is visible, its members are not.
    assert_problem(public_listing, 403, "forbidden")
    assert_problem(read, 404, "not-found")
    assert_problem(public_read, 403, "forbidden")
    assert_problem(ending, 404, "not-found")
    assert_problem(person, 404, "not-found")
    assert_problem(enrol, 403, "forbidden")


def test_a_plain_member_reads_only_their_own_term(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    user = make_user(session, role=Role.member, committee=committee)
    me = make_person(session)
    link(session, user, me)
    mine = make_membership(session, committee=committee, person=me, card_number="42")
    theirs = make_membership(session, committee=committee)
    headers = auth(user)

    listing = client.get(f"/api/v1/committees/{committee.id}/members", headers=headers)
    own = client.get(f"/api/v1/memberships/{mine.id}", headers=headers)
    other = client.get(f"/api/v1/memberships/{theirs.id}", headers=headers)
    change = client.patch(f"/api/v1/memberships/{mine.id}", json={"role": "pilot"}, headers=headers)

    assert_problem(listing, 403, "forbidden")
    assert own.status_code == 200, own.text
    assert own.json()["card_number"] == "42"
    assert own.json()["person"]["id"] == str(me.id)
    assert own.headers["ETag"] == '"1"'
    assert_problem(other, 403, "forbidden")
    assert_problem(change, 403, "forbidden")


def test_a_person_reads_their_own_terms_even_without_a_role(
    client: TestClient, session: Session
) -> None:
    user = make_user(session)
    me = make_person(session)
    link(session, user, me)
    term = make_membership(session, committee=make_committee(session, is_public=False), person=me)

    read = client.get(f"/api/v1/memberships/{term.id}", headers=auth(user))
    listing = client.get(f"/api/v1/people/{me.id}/memberships", headers=auth(user))

    assert read.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [str(term.id)]


def test_a_person_s_terms_are_filtered_to_what_the_caller_administers(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    a = make_committee(session, is_public=False)
    b = make_committee(session, is_public=False)
    admin_a = auth(make_user(session, role=Role.committee_admin, committee=a))
    admin_c = auth(make_user(session, role=Role.committee_admin, committee=make_committee(session)))
    user = make_user(session)
    person = make_person(session)
    link(session, user, person)
    in_b = make_membership(session, committee=b, person=person, start_on=date(2020, 1, 1))
    in_a_old = make_membership(
        session, committee=a, person=person, start_on=date(2021, 1, 1), term_years=1
    )
    in_a_new = make_membership(session, committee=a, person=person, start_on=date(2023, 5, 1))
    url = f"/api/v1/people/{person.id}/memberships"

    def ids(headers: dict[str, str], **params: object) -> list[str]:
        return item_ids(client.get(url, params=params, headers=headers))

    everything = [str(in_b.id), str(in_a_old.id), str(in_a_new.id)]
    assert ids(admin_a) == [str(in_a_old.id), str(in_a_new.id)]
    assert ids(admin_headers) == everything
    assert ids(auth(user)) == everything
    assert_problem(client.get(url, headers=admin_c), 404, "not-found")
    assert_problem(
        client.get(f"/api/v1/people/{uuid.uuid4()}/memberships", headers=admin_headers), 404
    )
    statuses = client.get(url, headers=admin_headers).json()["items"]
    assert [i["status"] for i in statuses] == ["current", "ended", "current"]


def test_a_person_s_terms_as_of_a_day_are_those_covering_it(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    a = make_committee(session, is_public=False)
    admin_a = auth(make_user(session, role=Role.committee_admin, committee=a))
    admin_c = auth(make_user(session, role=Role.committee_admin, committee=make_committee(session)))
    person = make_person(session)
    elsewhere = make_membership(
        session, committee=make_committee(session), person=person, start_on=date(2020, 1, 1)
    )
    old = make_membership(
        session, committee=a, person=person, start_on=date(2021, 1, 1), term_years=1
    )
    new = make_membership(session, committee=a, person=person, start_on=date(2023, 5, 1))
    url = f"/api/v1/people/{person.id}/memberships"

    then = client.get(url, params={"as_of": "2021-06-01"}, headers=admin_headers).json()
    later = client.get(url, params={"as_of": "2023-05-01"}, headers=admin_a)

    assert [i["id"] for i in then["items"]] == [str(elsewhere.id), str(old.id)]
    # Relative to that day: the old term was current then, though ended today.
    assert [i["status"] for i in then["items"]] == ["current", "current"]
    assert item_ids(later) == [str(new.id)]
    # A day without a term the caller may read is an empty page, not a 404 …
    gap = client.get(url, params={"as_of": "2022-06-01"}, headers=admin_a)
    assert item_ids(gap) == []
    # … unless the caller may read none of the person's terms at all.
    assert_problem(client.get(url, params={"as_of": "2021-06-01"}, headers=admin_c), 404)


def test_a_person_s_terms_are_paged_oldest_first(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    person = make_person(session)
    starts = [date(2022, 1, 1), date(2020, 1, 1), date(2024, 1, 1)]
    for start in starts:
        make_membership(session, committee=make_committee(session), person=person, start_on=start)
    url = f"/api/v1/people/{person.id}/memberships"

    first = client.get(url, params={"limit": 2}, headers=admin_headers).json()
    second = client.get(
        url, params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin_headers
    ).json()

    assert [i["start_on"] for i in first["items"] + second["items"]] == [
        "2020-01-01", "2022-01-01", "2024-01-01",
    ]  # fmt: skip
    assert second["next_cursor"] is None


def test_unknown_memberships_are_404(client: TestClient, admin_headers: dict[str, str]) -> None:
    unknown = uuid.uuid4()

    assert_problem(client.get(f"/api/v1/memberships/{unknown}", headers=admin_headers), 404)
    assert_problem(
        client.post(f"/api/v1/memberships/{unknown}/renew", json={"term_years": 1},
                    headers=admin_headers), 404,
    )  # fmt: skip
