"""Candidatures: committees propose their current members, HCTS decides, the deadline holds."""

import uuid
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.core.clock import today
from api.hcts.models import Call, Candidature
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.hcts.factories import make_call, make_candidature
from tests.memberships.factories import insert_membership, make_member
from tests.outbox import no_event, one_event
from tests.people.factories import make_person


def _url(call: Call, candidature: Candidature | None = None, action: str = "") -> str:
    url = f"/api/v1/hcts/calls/{call.id}/candidatures"
    if candidature is not None:
        url += f"/{candidature.id}"
    return url + action


def _committee_admin(session: Session, committee: Committee) -> dict[str, str]:
    return auth(make_user(session, role=Role.committee_admin, committee=committee))


def _proposal(committee: Committee, person_id: uuid.UUID) -> dict[str, str]:
    return {
        "committee_id": str(committee.id),
        "person_id": str(person_id),
        "motivation": "Travailleuse sociale engagée dans le comité depuis sa création.",
    }


def test_a_committee_admin_proposes_a_current_member(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = _committee_admin(session, committee)
    person = make_member(session, committee=committee, first_name="Léa", last_name="Martin")
    call = make_call(session)

    with one_event(session, "hcts.candidature.proposed") as written:
        response = client.post(_url(call), json=_proposal(committee, person.id), headers=headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["call_id"] == str(call.id)
    assert body["committee"] == {"id": str(committee.id), "short_name": committee.short_name}
    assert body["person"] == {"id": str(person.id), "first_name": "Léa", "last_name": "Martin"}
    assert body["status"] == "proposed"
    assert body["decided_at"] is None
    assert response.headers["ETag"] == '"1"'
    event = written.events[0]
    assert event.committee_id == committee.id
    assert event.payload["candidature_id"] == body["id"]
    assert event.payload["to"] == "proposed"
    assert "Léa" not in str(event.payload)


def test_the_deadline_day_is_still_open(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    call = make_call(session, deadline=today())
    person = make_member(session, committee=committee)

    response = client.post(
        _url(call),
        json=_proposal(committee, person.id),
        headers=_committee_admin(session, committee),
    )

    assert response.status_code == 201, response.text


def test_after_the_deadline_proposals_are_refused_for_everyone(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    call = make_call(session, deadline=today() - timedelta(days=1))
    person = make_member(session, committee=committee)

    for headers in (_committee_admin(session, committee), admin_headers):
        with no_event(session):
            response = client.post(
                _url(call), json=_proposal(committee, person.id), headers=headers
            )
        body = assert_problem(response, 409, "conflict")
        assert "deadline" in body["detail"]
        assert call.deadline.isoformat() in body["detail"]
    assert session.exec(select(Candidature).where(Candidature.call_id == call.id)).all() == []


def test_only_current_members_may_be_proposed(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = _committee_admin(session, committee)
    call = make_call(session)
    former = make_person(session)
    insert_membership(
        session,
        committee=committee,
        person=former,
        start_on=date(2019, 1, 1),
        end_on=date(2020, 1, 1),
    )
    elsewhere = make_member(session, committee=make_committee(session))

    for person_id in (former.id, elsewhere.id, uuid.uuid4()):
        with no_event(session):
            response = client.post(
                _url(call), json=_proposal(committee, person_id), headers=headers
            )
        body = assert_problem(response, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["body", "person_id"]


def test_a_committee_the_caller_does_not_administer_is_a_403(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    own, foreign = make_committee(session), make_committee(session)
    call = make_call(session)
    person = make_member(session, committee=foreign)

    with no_event(session):
        refused = client.post(
            _url(call), json=_proposal(foreign, person.id), headers=_committee_admin(session, own)
        )
        unknown = client.post(
            _url(call),
            json={"committee_id": str(uuid.uuid4()), "person_id": str(person.id)},
            headers=admin_headers,
        )

    assert_problem(refused, 403, "forbidden")
    assert assert_problem(unknown, 422)["errors"][0]["loc"] == ["body", "committee_id"]


def test_the_same_person_twice_on_a_call_is_a_409(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee)
    call = make_call(session)
    make_candidature(session, call=call, committee=committee, person=person, status="withdrawn")

    with no_event(session):
        response = client.post(
            _url(call),
            json=_proposal(committee, person.id),
            headers=_committee_admin(session, committee),
        )

    assert_problem(response, 409, "conflict")


def test_an_unknown_call_is_a_404(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    person = make_member(session, committee=committee)
    url = f"/api/v1/hcts/calls/{uuid.uuid4()}/candidatures"

    response = client.post(
        url, json=_proposal(committee, person.id), headers=_committee_admin(session, committee)
    )

    assert_problem(response, 404)


def _two_committees(session: Session) -> tuple[Call, Candidature, Candidature]:
    call = make_call(session)
    a = make_candidature(session, call=call, committee=make_committee(session))
    b = make_candidature(session, call=call, committee=make_committee(session), status="accepted")
    make_candidature(session, call=make_call(session), committee=make_committee(session))
    return call, a, b


def test_network_admin_lists_every_candidature_of_the_call(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    call, a, b = _two_committees(session)

    items = client.get(_url(call), headers=admin_headers).json()["items"]
    assert {i["id"] for i in items} == {str(a.id), str(b.id)}

    accepted = client.get(_url(call), params={"status": "accepted"}, headers=admin_headers)
    assert [i["id"] for i in accepted.json()["items"]] == [str(b.id)]
    of_a = client.get(
        _url(call), params={"committee_id": str(a.committee_id)}, headers=admin_headers
    )
    assert [i["id"] for i in of_a.json()["items"]] == [str(a.id)]


def test_a_committee_admin_sees_only_their_committees_candidatures(
    client: TestClient, session: Session
) -> None:
    call, a, b = _two_committees(session)
    committee = session.get(Committee, a.committee_id)
    assert committee is not None
    headers = _committee_admin(session, committee)

    items = client.get(_url(call), headers=headers).json()["items"]
    assert [i["id"] for i in items] == [str(a.id)]
    assert client.get(_url(call, a), headers=headers).status_code == 200
    assert_problem(client.get(_url(call, b), headers=headers), 404)
    # Another call's candidature is not found under this call.
    other_call = make_call(session)
    assert_problem(client.get(_url(other_call, a), headers=headers), 404)


def test_a_caller_who_reads_candidatures_nowhere_is_refused(
    client: TestClient, session: Session
) -> None:
    call, a, _b = _two_committees(session)
    committee = session.get(Committee, a.committee_id)
    member: User = make_user(session, role=Role.member, committee=committee)

    assert_problem(client.get(_url(call), headers=auth(member)), 403, "forbidden")
    assert_problem(client.get(_url(call, a), headers=auth(member)), 403, "forbidden")
    assert_problem(client.get(_url(call)), 401)


def test_network_admin_accepts_after_the_deadline(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    call = make_call(session, deadline=today() - timedelta(days=5))
    candidature = make_candidature(session, call=call, committee=make_committee(session))
    decision = {"decision": "accepted", "note": "Bienvenue dans le groupe."}

    with one_event(session, "hcts.candidature.accepted") as written:
        response = client.post(
            _url(call, candidature, "/decision"), json=decision, headers=admin_headers
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "accepted"
    assert body["decision_note"] == "Bienvenue dans le groupe."
    assert body["decided_at"] is not None
    assert response.headers["ETag"] == '"2"'
    session.refresh(candidature)
    assert candidature.decided_by == admin.id
    assert written.events[0].payload["from"] == "proposed"
    assert "Bienvenue" not in str(written.events[0].payload)

    with no_event(session):
        again = client.post(
            _url(call, candidature, "/decision"),
            json={"decision": "declined"},
            headers=admin_headers,
        )
    assert_problem(again, 409, "conflict")


def test_network_admin_declines(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    call = make_call(session)
    candidature = make_candidature(session, call=call, committee=make_committee(session))

    with one_event(session, "hcts.candidature.declined"):
        response = client.post(
            _url(call, candidature, "/decision"),
            json={"decision": "declined"},
            headers=admin_headers,
        )

    assert response.json()["status"] == "declined"


def test_only_network_admin_decides(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    call = make_call(session)
    candidature = make_candidature(session, call=call, committee=committee)

    with no_event(session):
        response = client.post(
            _url(call, candidature, "/decision"),
            json={"decision": "accepted"},
            headers=_committee_admin(session, committee),
        )

    assert_problem(response, 403, "forbidden")


def test_the_committee_withdraws_before_the_deadline(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    headers = _committee_admin(session, committee)
    call = make_call(session)
    candidature = make_candidature(session, call=call, committee=committee)

    with one_event(session, "hcts.candidature.withdrawn"):
        response = client.post(_url(call, candidature, "/withdrawal"), headers=headers)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "withdrawn"
    with no_event(session):
        again = client.post(_url(call, candidature, "/withdrawal"), headers=headers)
    assert_problem(again, 409)


def test_no_withdrawal_after_the_deadline_or_from_elsewhere(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    closed = make_call(session, deadline=today() - timedelta(days=1))
    late = make_candidature(session, call=closed, committee=committee)
    open_call = make_call(session)
    other = make_candidature(session, call=open_call, committee=committee)
    foreign_admin = _committee_admin(session, make_committee(session))

    with no_event(session):
        body = assert_problem(
            client.post(_url(closed, late, "/withdrawal"), headers=admin_headers), 409
        )
        assert "deadline" in body["detail"]
        assert_problem(
            client.post(_url(open_call, other, "/withdrawal"), headers=foreign_admin), 404
        )

    with one_event(session, "hcts.candidature.withdrawn"):
        response = client.post(_url(open_call, other, "/withdrawal"), headers=admin_headers)
    assert response.status_code == 200, response.text
