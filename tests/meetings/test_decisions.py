import uuid

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.auth.permissions import Role
from api.meetings.models import Decision
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting


def _url(meeting_id: uuid.UUID) -> str:
    return f"/api/v1/meetings/{meeting_id}/decisions"


def test_decisions_are_numbered_in_the_order_taken(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))
    texts = ["Le COPIL valide la charte.", "Une agora se tiendra en octobre.", "Budget adopté."]

    created = [
        client.post(_url(meeting.id), json={"text": t}, headers=admin_headers) for t in texts
    ]

    assert [r.status_code for r in created] == [201, 201, 201]
    assert [r.json()["position"] for r in created] == [1, 2, 3]
    assert created[0].headers["Location"] == f"{_url(meeting.id)}/{created[0].json()['id']}"
    stored = session.exec(
        select(Decision.text)
        .where(Decision.meeting_id == meeting.id)
        .order_by(col(Decision.position))
    ).all()
    assert list(stored) == texts


def test_members_read_the_record_page_by_page(client: TestClient, session: Session) -> None:
    committee = make_committee(session, is_public=False)
    meeting = make_meeting(session, committee=committee)
    for n in range(1, 4):
        session.add(Decision(meeting_id=meeting.id, position=n, text=f"Décision {n}"))
    session.flush()
    member = auth(make_user(session, role=Role.member, committee=committee))

    first = client.get(_url(meeting.id), params={"limit": 2}, headers=member).json()
    second = client.get(
        _url(meeting.id), params={"limit": 2, "cursor": first["next_cursor"]}, headers=member
    ).json()

    texts = [d["text"] for d in first["items"] + second["items"]]
    assert texts == ["Décision 1", "Décision 2", "Décision 3"]
    assert second["next_cursor"] is None


def test_deleting_a_decision_keeps_the_others_numbers(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))
    ids = [
        client.post(_url(meeting.id), json={"text": f"D{n}"}, headers=admin_headers).json()["id"]
        for n in range(3)
    ]

    deleted = client.delete(f"{_url(meeting.id)}/{ids[1]}", headers=admin_headers)
    after = client.post(_url(meeting.id), json={"text": "D3"}, headers=admin_headers)
    listed = client.get(_url(meeting.id), headers=admin_headers).json()["items"]

    assert deleted.status_code == 204
    assert after.json()["position"] == 4
    assert [(d["text"], d["position"]) for d in listed] == [("D0", 1), ("D2", 3), ("D3", 4)]


def test_a_decision_of_another_meeting_is_not_found(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    one = make_meeting(session, committee=committee)
    other = make_meeting(session, committee=committee)
    decision = Decision(meeting_id=other.id, position=1, text="Ailleurs.")
    session.add(decision)
    session.flush()

    response = client.delete(f"{_url(one.id)}/{decision.id}", headers=admin_headers)

    assert_problem(response, 404, "not-found")
    assert session.get(Decision, decision.id) is not None


def test_an_empty_decision_is_refused(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))

    response = client.post(_url(meeting.id), json={"text": "   "}, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "text"]
