import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.programmes.models import Action, WorkProgramme
from api.working_groups import service
from api.working_groups.models import WorkingGroup, WorkingGroupMember, WorkingGroupPilot
from tests.assertions import assert_problem
from tests.factories import auth, editing, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import link, make_person
from tests.working_groups.factories import make_working_group


def _url(committee_id: Any) -> str:
    return f"/api/v1/committees/{committee_id}/working-groups"


def _group_url(group_id: Any) -> str:
    return f"/api/v1/working-groups/{group_id}"


def test_ardeche_working_groups_are_created_and_listed_by_title(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    ardeche = make_committee(session, name="CLTS de l'Ardèche", department_codes=["07"])
    pilot = make_person(session, first_name="Agnès", last_name="Pilote")
    make_membership(session, committee=ardeche, person=pilot, role="pilot")
    member = make_membership(session, committee=ardeche).person_id
    seeds = [
        {
            "title": "Accès aux droits",
            "theme": "accès aux droits",
            "mandate": "Réécrire en FALC les courriers administratifs.",
            "status": "active",
            "start_on": "2022-06-01",
            "pilot_ids": [str(pilot.id)],
            "member_ids": [str(pilot.id), str(member)],
        },
        {"title": "Développement du pouvoir d'agir", "status": "active"},
        {"title": "Attractivité des métiers", "status": "planned", "end_on": "2025-12-31"},
    ]

    created = []
    for sent in seeds:
        response = client.post(_url(ardeche.id), json=sent, headers=admin_headers)
        assert response.status_code == 201, response.text
        assert response.headers["ETag"] == '"1"'
        assert response.headers["Location"] == _group_url(response.json()["id"])
        created.append(response.json())

    first = created[0]
    assert first["committee_id"] == str(ardeche.id)
    assert first["pilot_ids"] == [str(pilot.id)]
    # The same person, by the same id, in both lists.
    assert sorted(first["member_ids"]) == sorted([str(pilot.id), str(member)])
    assert first["pilots"] == [{"id": str(pilot.id), "first_name": "Agnès", "last_name": "Pilote"}]
    assert created[1]["pilot_ids"] == []
    assert created[1]["member_ids"] == []
    stored = session.get(WorkingGroup, uuid.UUID(first["id"]))
    assert stored is not None
    assert (stored.status, stored.start_on) == ("active", date(2022, 6, 1))
    links = session.exec(
        select(WorkingGroupMember.person_id).where(WorkingGroupMember.working_group_id == stored.id)
    ).all()
    assert set(links) == {pilot.id, member}

    listed = client.get(_url(ardeche.id), headers=admin_headers).json()
    assert [g["title"] for g in listed["items"]] == [
        "Accès aux droits",
        "Attractivité des métiers",
        "Développement du pouvoir d'agir",
    ]
    active = client.get(_url(ardeche.id), params={"status": "active"}, headers=admin_headers)
    assert [g["title"] for g in active.json()["items"]] == [
        "Accès aux droits",
        "Développement du pouvoir d'agir",
    ]


def test_status_defaults_to_planned(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)

    response = client.post(_url(committee.id), json={"title": "GT"}, headers=admin_headers)

    assert response.status_code == 201, response.text
    assert response.json()["status"] == "planned"


def test_list_pages_through_every_group_once(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    for title in ["C", "A", "B", "A", "D"]:
        make_working_group(session, committee=committee, title=title)
    make_working_group(session, committee=make_committee(session), title="Ailleurs")

    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get(_url(committee.id), params=params, headers=admin_headers).json()
        seen += [g["title"] for g in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == ["A", "A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "GT", "status": "dormant"}, "status"),
        ({"title": "GT", "colour": "blue"}, "colour"),
        ({"title": "GT", "pilot_ids": ["not-a-uuid"]}, "pilot_ids"),
    ],
)
def test_create_refuses_malformed_input(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    sent: dict[str, Any],
    field: str,
) -> None:
    committee = make_committee(session)

    response = client.post(_url(committee.id), json=sent, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert any(field in e["loc"] for e in body["errors"]), body


def test_create_refuses_an_end_before_the_start_and_repeated_ids(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    term = make_membership(session, committee=committee)

    backwards = {"title": "GT", "start_on": "2024-06-01", "end_on": "2024-05-31"}
    twice = {"title": "GT", "member_ids": [str(term.id), str(term.id)]}

    assert_problem(client.post(_url(committee.id), json=backwards, headers=admin_headers), 422)
    assert_problem(client.post(_url(committee.id), json=twice, headers=admin_headers), 422)
    assert (
        session.exec(select(WorkingGroup).where(WorkingGroup.committee_id == committee.id)).all()
        == []
    )


def test_a_pilot_must_hold_or_have_held_a_membership_in_the_committee(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    former = make_person(session)
    make_membership(
        session, committee=committee, person=former,
        start_on=date(2020, 1, 1), end_on=date(2020, 12, 31),
    )  # fmt: skip
    elsewhere = make_person(session)
    make_membership(session, committee=make_committee(session), person=elsewhere)

    ok = client.post(
        _url(committee.id), json={"title": "GT", "pilot_ids": [str(former.id)]},
        headers=admin_headers,
    )  # fmt: skip
    refused = client.post(
        _url(committee.id),
        json={"title": "GT2", "pilot_ids": [str(former.id), str(elsewhere.id)]},
        headers=admin_headers,
    )
    unknown = client.post(
        _url(committee.id), json={"title": "GT3", "pilot_ids": [str(uuid.uuid4())]},
        headers=admin_headers,
    )  # fmt: skip

    assert ok.status_code == 201, ok.text
    body = assert_problem(refused, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "pilot_ids", 1]
    assert_problem(unknown, 422, "validation-error")


def test_members_are_people_who_hold_or_held_a_term_in_this_committee(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    own = make_membership(session, committee=committee, end_on=date(2024, 6, 30))
    foreign = make_membership(session, committee=make_committee(session))

    as_people = {"title": "GT", "member_ids": [str(own.person_id), str(foreign.person_id)]}
    response = client.post(_url(committee.id), json=as_people, headers=admin_headers)
    as_terms = client.post(
        _url(committee.id), json={"title": "GT", "member_ids": [str(own.id)]},
        headers=admin_headers,
    )  # fmt: skip

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "member_ids", 1]
    # A membership id is not a person id: refused, not stored as a dangling member.
    assert assert_problem(as_terms, 422)["errors"][0]["loc"] == ["body", "member_ids", 0]
    assert (
        session.exec(select(WorkingGroup).where(WorkingGroup.committee_id == committee.id)).all()
        == []
    )


def test_patch_replaces_pilots_and_members_and_bumps_the_etag(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    a, b = make_person(session), make_person(session)
    make_membership(session, committee=committee, person=a)
    make_membership(session, committee=committee, person=b)
    group = make_working_group(
        session, committee=committee, pilot_ids=[str(a.id)], member_ids=[str(a.id), str(b.id)]
    )

    first = client.patch(
        _group_url(group.id),
        json={"pilot_ids": [str(b.id)], "member_ids": [str(b.id)], "status": "paused"},
        headers=admin_headers | {"If-Match": '"1"'},
    )
    again = client.patch(
        _group_url(group.id),
        json={"pilot_ids": [str(b.id)]},
        headers=editing(client, _group_url(group.id), admin_headers),
    )
    cleared = client.patch(
        _group_url(group.id),
        json={"member_ids": []},
        headers=editing(client, _group_url(group.id), admin_headers),
    )

    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == '"2"'
    assert (first.json()["pilot_ids"], first.json()["member_ids"]) == (
        [str(b.id)], [str(b.id)],
    )  # fmt: skip
    assert first.json()["status"] == "paused"
    assert again.status_code == 200, again.text
    assert again.json()["member_ids"] == [str(b.id)]  # not sent: kept
    assert cleared.json()["member_ids"] == []
    assert cleared.json()["pilot_ids"] == [str(b.id)]
    pilots = session.exec(
        select(WorkingGroupPilot.person_id).where(WorkingGroupPilot.working_group_id == group.id)
    ).all()
    assert pilots == [b.id]


def test_patch_checks_dates_against_the_stored_ones_and_refuses_nulls(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    group = make_working_group(
        session, committee=make_committee(session), start_on="2024-01-01", end_on="2024-12-31"
    )

    early_end = client.patch(
        _group_url(group.id),
        json={"end_on": "2023-12-31"},
        headers=editing(client, _group_url(group.id), admin_headers),
    )
    null_title = client.patch(
        _group_url(group.id),
        json={"title": None},
        headers=editing(client, _group_url(group.id), admin_headers),
    )
    null_pilots = client.patch(
        _group_url(group.id),
        json={"pilot_ids": None},
        headers=editing(client, _group_url(group.id), admin_headers),
    )
    open_ended = client.patch(
        _group_url(group.id),
        json={"end_on": None},
        headers=editing(client, _group_url(group.id), admin_headers),
    )

    body = assert_problem(early_end, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "end_on"]
    assert_problem(null_title, 422, "validation-error")
    assert_problem(null_pilots, 422, "validation-error")
    assert open_ended.status_code == 200, open_ended.text
    assert open_ended.json()["end_on"] is None


def test_patch_refuses_a_pilot_from_elsewhere(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    group = make_working_group(session, committee=committee)
    stranger = make_person(session)

    response = client.patch(
        _group_url(group.id), json={"pilot_ids": [str(stranger.id)]}, headers=admin_headers
    )

    assert_problem(response, 422, "validation-error")


def test_writes_honour_if_match(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    group = make_working_group(session, committee=make_committee(session))

    stale_patch = client.patch(
        _group_url(group.id), json={"title": "X"}, headers=admin_headers | {"If-Match": '"7"'}
    )
    stale_delete = client.delete(_group_url(group.id), headers=admin_headers | {"If-Match": '"7"'})
    fetched = client.get(_group_url(group.id), headers=admin_headers)

    assert_problem(stale_patch, 412, "precondition-failed")
    assert_problem(stale_delete, 412, "precondition-failed")
    assert fetched.headers["ETag"] == '"1"'
    assert fetched.json()["title"] == group.title


def test_delete_removes_the_group_and_its_links(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    person = make_person(session)
    make_membership(session, committee=committee, person=person)
    group = make_working_group(
        session, committee=committee, pilot_ids=[str(person.id)], member_ids=[str(person.id)]
    )
    group_id = group.id

    response = client.delete(_group_url(group_id), headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204, response.text
    session.expire_all()
    assert session.get(WorkingGroup, group_id) is None
    assert (
        session.exec(
            select(WorkingGroupMember).where(WorkingGroupMember.working_group_id == group_id)
        ).all()
        == []
    )
    assert_problem(client.get(_group_url(group_id), headers=admin_headers), 404, "not-found")


def test_delete_is_refused_while_a_programme_action_points_at_the_group(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    group = make_working_group(session, committee=committee)
    programme = WorkProgramme(
        committee_id=committee.id, title="Programme 2024", status="validated",
        period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
    )  # fmt: skip
    session.add(programme)
    session.flush()
    session.add(
        Action(
            programme_id=programme.id, position=1, title="FALC", method_step="calendar",
            working_group_id=group.id,
        )
    )  # fmt: skip
    session.flush()

    response = client.delete(
        _group_url(group.id), headers=editing(client, _group_url(group.id), admin_headers)
    )

    assert_problem(response, 409, "conflict")
    assert session.get(WorkingGroup, group.id) is not None


def test_pilot_names_are_shown_to_admins_only(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    pilot = make_person(session, first_name="Nadia", last_name="Pilote")
    make_membership(session, committee=committee, person=pilot)
    group = make_working_group(session, committee=committee, pilot_ids=[str(pilot.id)])
    member = make_user(session, role=Role.member, committee=committee)
    link(session, member, pilot)  # even the pilot, as a plain member, gets ids only
    committee_admin = make_user(session, role=Role.committee_admin, committee=committee)

    as_member = client.get(_group_url(group.id), headers=auth(member))
    as_admin = client.get(_group_url(group.id), headers=auth(committee_admin))
    member_list = client.get(_url(committee.id), headers=auth(member)).json()

    assert as_member.status_code == 200, as_member.text
    assert as_member.json()["pilot_ids"] == [str(pilot.id)]
    assert as_member.json()["pilots"] is None
    assert member_list["items"][0]["pilots"] is None
    assert as_admin.json()["pilots"][0]["last_name"] == "Pilote"


def test_seen_but_not_member_is_forbidden_unseen_is_not_found(
    client: TestClient, session: Session
) -> None:
    public = make_committee(session, is_public=True)
    private = make_committee(session, is_public=False)
    outsider = make_user(session, role=Role.committee_admin, committee=make_committee(session))
    public_group = make_working_group(session, committee=public)
    private_group = make_working_group(session, committee=private)

    assert_problem(client.get(_url(public.id), headers=auth(outsider)), 403, "forbidden")
    assert_problem(client.get(_group_url(public_group.id), headers=auth(outsider)), 403)
    assert_problem(client.get(_group_url(private_group.id), headers=auth(outsider)), 404)
    assert_problem(client.get(_group_url(uuid.uuid4()), headers=auth(outsider)), 404)
    assert_problem(client.get(_url(private_group.id)), 401)


def test_find_working_group(session: Session) -> None:
    group = make_working_group(session, committee=make_committee(session))

    assert service.find_working_group(session, working_group_id=group.id) is group
    assert service.find_working_group(session, working_group_id=uuid.uuid4()) is None


def test_a_member_who_renews_stays_in_the_group(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    term = make_membership(session, committee=committee, term_years=1)
    group = make_working_group(session, committee=committee, member_ids=[str(term.person_id)])

    renewed = client.post(
        f"/api/v1/memberships/{term.id}/renew", json={"term_years": 1}, headers=admin_headers
    )
    fetched = client.get(_group_url(group.id), headers=admin_headers)

    assert renewed.status_code == 201, renewed.text
    assert fetched.json()["member_ids"] == [str(term.person_id)]


def test_a_groups_people_come_in_their_order_in_its_get_and_in_the_list(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    names = [("Zoé", "Zucca"), ("Amel", "Aubry"), ("Lina", "Martin"), ("Éric", "Étienne")]
    people = []
    for first_name, last_name in names:
        person = make_person(session, first_name=first_name, last_name=last_name)
        make_membership(session, committee=committee, person=person)
        people.append(person)
    ids = [str(p.id) for p in people]
    sent = {"title": "Mobilité", "pilot_ids": ids[:3], "member_ids": ids}
    created = client.post(_url(committee.id), json=sent, headers=admin_headers)
    assert created.status_code == 201, created.text

    one = client.get(_group_url(created.json()["id"]), headers=admin_headers).json()
    listed = client.get(_url(committee.id), headers=admin_headers).json()["items"]
    by_name = sorted(people, key=lambda p: (p.sort_key, str(p.id)))
    for group in (one, listed[0], created.json()):
        assert group["member_ids"] == [str(p.id) for p in by_name]
        pilots = [p for p in by_name if str(p.id) in ids[:3]]
        assert group["pilot_ids"] == [str(p.id) for p in pilots]
        assert [(p["first_name"], p["last_name"]) for p in group["pilots"]] == [
            (p.first_name, p.last_name) for p in pilots
        ]
