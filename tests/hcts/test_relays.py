import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from api.hcts.models import Relay
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.hcts.factories import make_publication, make_relay
from tests.meetings.factories import make_meeting
from tests.outbox import no_event, one_event

URL = "/api/v1/hcts/publications"


def _relays(publication_id: uuid.UUID) -> str:
    return f"{URL}/{publication_id}/relays"


def _body(committee_id: uuid.UUID, **overrides: object) -> dict[str, object]:
    return {
        "committee_id": str(committee_id),
        "relayed_on": "2023-02-01",
        "channel": "mailing_list",
        "note": "Diffusé à la liste des membres.",
    } | overrides


def test_a_committee_admin_records_a_relay_and_one_event_is_written(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    meeting = make_meeting(session, committee=committee, starts_at=_at(2023, 2, 1, 9))
    publication = make_publication(session, published_on=date(2023, 1, 1))

    with one_event(session, "hcts.relay.recorded") as written:
        response = client.post(
            _relays(publication.id),
            json=_body(committee.id, channel="meeting", meeting_id=str(meeting.id)),
            headers=auth(admin),
        )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["committee_id"] == str(committee.id)
    assert body["committee_name"] == committee.name
    assert body["publication_title"] == publication.title
    assert (body["channel"], body["relayed_on"], body["meeting_id"]) == (
        "meeting",
        "2023-02-01",
        str(meeting.id),
    )
    assert response.headers["ETag"] == '"1"'
    relay = session.get(Relay, uuid.UUID(body["id"]))
    assert relay is not None
    assert relay.created_by == admin.id
    event = written.events[0]
    assert event.committee_id == committee.id
    assert event.payload == {
        "relay_id": body["id"],
        "publication_id": str(publication.id),
        "committee_id": str(committee.id),
        "channel": "meeting",
        "relayed_on": "2023-02-01",
        "meeting_id": str(meeting.id),
    }


def test_a_draft_cannot_be_relayed(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    draft = make_publication(session, status="draft")

    with no_event(session):
        hidden = client.post(_relays(draft.id), json=_body(committee.id), headers=auth(admin))
        network = client.post(_relays(draft.id), json=_body(committee.id), headers=admin_headers)

    assert_problem(hidden, 404, "not-found")
    assert_problem(network, 409, "conflict", code="publication_not_published")


def test_a_relay_for_another_committee_is_forbidden(client: TestClient, session: Session) -> None:
    own = make_committee(session)
    other = make_committee(session, is_public=True)
    admin = make_user(session, role=Role.committee_admin, committee=own)
    member = make_user(session, role=Role.member, committee=own)
    publication = make_publication(session)

    with no_event(session):
        foreign = client.post(_relays(publication.id), json=_body(other.id), headers=auth(admin))
        as_member = client.post(_relays(publication.id), json=_body(own.id), headers=auth(member))

    assert_problem(foreign, 403, "forbidden")
    assert_problem(as_member, 403, "forbidden")


def test_relay_fields_are_checked(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    elsewhere = make_meeting(session, committee=make_committee(session))
    publication = make_publication(session, published_on=date(2023, 1, 1))
    url = _relays(publication.id)
    tomorrow = (today() + timedelta(days=1)).isoformat()

    def post(**overrides: object) -> dict[str, object]:
        response = client.post(url, json=_body(committee.id) | overrides, headers=admin_headers)
        body: dict[str, object] = assert_problem(response, 422, "validation-error")
        return body

    with no_event(session):
        unknown = post(committee_id=str(uuid.uuid4()))
        future = post(relayed_on=tomorrow)
        early = post(relayed_on="2022-12-31")
        meeting = post(meeting_id=str(elsewhere.id))
        no_meeting = post(meeting_id=str(uuid.uuid4()))
        post(channel="carrier_pigeon")
        post(note="x" * 2001)

    for problem, field in (
        (unknown, "committee_id"),
        (future, "relayed_on"),
        (early, "relayed_on"),
        (meeting, "meeting_id"),
        (no_meeting, "meeting_id"),
    ):
        assert problem["errors"] == [
            {
                "loc": ["body", field],
                "pointer": f"/{field}",
                "msg": problem["detail"],
                "type": "value_error",
            }
        ]


def test_a_relay_at_a_meeting_is_dated_on_one_of_its_days(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    """Days are local: a meeting from 23:30 UTC on 31 January to 18:00 on 2 February is held
    from 1 to 2 February in Paris."""
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee, starts_at=_at(2023, 1, 31, 23, 30),
                           ends_at=_at(2023, 2, 2, 18))  # fmt: skip
    publication = make_publication(session, published_on=date(2023, 1, 1))

    def post(relayed_on: str) -> Any:
        body = _body(committee.id, channel="meeting", meeting_id=str(meeting.id),
                     relayed_on=relayed_on)  # fmt: skip
        return client.post(_relays(publication.id), json=body, headers=admin_headers)

    with no_event(session):
        refused = [post(day) for day in ("2023-01-31", "2023-02-03")]
    accepted = [post(day) for day in ("2023-02-01", "2023-02-02")]

    for response in refused:
        problem = assert_problem(response, 422, "validation-error")
        assert problem["errors"][0]["loc"] == ["body", "meeting_id"]
        assert "2023-02-01 to 2023-02-02" in problem["detail"]
    assert [r.status_code for r in accepted] == [201, 201]


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_the_same_relay_twice_is_a_conflict(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    publication = make_publication(session)
    make_relay(
        session,
        publication=publication,
        committee=committee,
        channel="mailing_list",
        relayed_on=date(2023, 2, 1),
    )

    with no_event(session):
        same = client.post(_relays(publication.id), json=_body(committee.id), headers=admin_headers)
    with one_event(session, "hcts.relay.recorded"):
        other_channel = client.post(
            _relays(publication.id),
            json=_body(committee.id, channel="website"),
            headers=admin_headers,
        )

    assert_problem(same, 409, "conflict", code="relay_exists")
    assert other_channel.status_code == 201, other_channel.text


def test_the_relays_of_a_publication_show_the_committees_the_caller_may_see(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own = make_committee(session, is_public=False)
    public = make_committee(session, is_public=True)
    private = make_committee(session, is_public=False)
    member = make_user(session, role=Role.member, committee=own)
    publication = make_publication(session, published_on=date(2022, 1, 1))
    first = make_relay(session, publication=publication, committee=own, relayed_on=date(2022, 3, 1))
    latest = make_relay(
        session, publication=publication, committee=public, relayed_on=date(2022, 5, 1)
    )
    hidden = make_relay(
        session, publication=publication, committee=private, relayed_on=date(2022, 4, 1)
    )
    make_relay(session, publication=make_publication(session), committee=own)

    as_member = client.get(_relays(publication.id), headers=auth(member))
    as_admin = client.get(_relays(publication.id), headers=admin_headers).json()

    assert as_member.status_code == 200, as_member.text
    items = as_member.json()["items"]
    assert [i["id"] for i in items] == [str(latest.id), str(first.id)]
    assert items[0]["committee_short_name"] == public.short_name
    assert [i["id"] for i in as_admin["items"]] == [str(latest.id), str(hidden.id), str(first.id)]
    assert_problem(client.get(_relays(publication.id)), 401)


def test_the_relays_of_a_draft_are_not_found(client: TestClient, session: Session) -> None:
    member = make_user(session, role=Role.member, committee=make_committee(session))
    draft = make_publication(session, status="draft")

    assert_problem(client.get(_relays(draft.id), headers=auth(member)), 404, "not-found")


def test_what_a_committee_relayed_newest_first(client: TestClient, session: Session) -> None:
    public = make_committee(session, is_public=True)
    private = make_committee(session, is_public=False)
    older = make_relay(
        session,
        publication=make_publication(session, kind="guide"),
        committee=public,
        relayed_on=date(2022, 1, 5),
    )
    newer = make_relay(
        session,
        publication=make_publication(session),
        committee=public,
        relayed_on=date(2023, 3, 1),
    )
    make_relay(session, publication=make_publication(session), committee=private)
    outsider = make_user(session, role=Role.committee_admin, committee=make_committee(session))

    response = client.get(f"/api/v1/committees/{public.id}/relays")

    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["id"] for i in items] == [str(newer.id), str(older.id)]
    assert items[1]["publication_kind"] == "guide"
    hidden = f"/api/v1/committees/{private.id}/relays"
    assert_problem(client.get(hidden), 404, "not-found")
    assert_problem(client.get(hidden, headers=auth(outsider)), 404, "not-found")


def test_a_committee_admin_deletes_its_relay_and_one_event_is_written(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    publication = make_publication(session)
    relay = make_relay(session, publication=publication, committee=committee)

    with one_event(session, "hcts.relay.deleted") as written:
        response = client.delete(
            f"{_relays(publication.id)}/{relay.id}", headers=auth(admin) | {"If-Match": '"1"'}
        )

    assert response.status_code == 204, response.text
    assert session.get(Relay, relay.id) is None
    assert written.events[0].committee_id == committee.id
    assert written.events[0].payload["relay_id"] == str(relay.id)


def test_a_refused_relay_deletion_writes_no_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session, is_public=True)
    member = make_user(session, role=Role.member, committee=committee)
    outsider = make_user(session, role=Role.committee_admin, committee=make_committee(session))
    publication = make_publication(session)
    relay = make_relay(session, publication=publication, committee=committee)
    url = f"{_relays(publication.id)}/{relay.id}"
    other = make_publication(session)

    with no_event(session):
        as_member = client.delete(url, headers=auth(member))
        as_outsider = client.delete(url, headers=auth(outsider))
        stale = client.delete(url, headers=admin_headers | {"If-Match": '"5"'})
        wrong = client.delete(f"{_relays(other.id)}/{relay.id}", headers=admin_headers)

    assert_problem(as_member, 403, "forbidden")
    assert_problem(as_outsider, 403, "forbidden")
    assert_problem(stale, 412, "precondition-failed")
    assert_problem(wrong, 404, "not-found")
    assert session.get(Relay, relay.id) is not None


def test_the_relays_page_newest_first_with_a_cursor(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=True)
    relays = [
        make_relay(
            session,
            publication=make_publication(session),
            committee=committee,
            relayed_on=date(2023, 1, day),
        )
        for day in (3, 2, 1)
    ]
    url = f"/api/v1/committees/{committee.id}/relays"

    first = client.get(url, params={"limit": 2}).json()
    second = client.get(url, params={"limit": 2, "cursor": first["next_cursor"]}).json()

    ids = [item["id"] for item in first["items"] + second["items"]]
    assert ids == [str(r.id) for r in relays]
    assert second["next_cursor"] is None
