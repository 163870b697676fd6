import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.core.etags import etag
from api.newsletter.models import NewsletterIssue, NewsletterItem
from api.newsletter.schemas import MAX_POSITION
from tests.assertions import assert_problem
from tests.contributions.factories import insert_contribution
from tests.factories import make_committee
from tests.hcts.factories import insert_publication
from tests.meetings.factories import make_meeting
from tests.newsletter.factories import make_issue, make_item
from tests.outbox import no_event, one_event


def _url(issue: NewsletterIssue) -> str:
    return f"/api/v1/newsletter/issues/{issue.id}/items"


def _titles_in_order(session: Session, issue: NewsletterIssue) -> list[tuple[int, str]]:
    session.expire_all()
    rows = session.exec(
        select(NewsletterItem.position, NewsletterItem.title)
        .where(NewsletterItem.issue_id == issue.id)
        .order_by(col(NewsletterItem.position))
    ).all()
    return [(position, title) for position, title in rows]


def test_items_point_to_their_targets_and_go_at_the_end(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    issue = make_issue(session)
    make_item(session, issue=issue, position=3)
    targets = {
        "contribution": ("contribution_id", insert_contribution(session, committee=committee).id),
        "publication": ("publication_id", insert_publication(session).id),
        "event": ("meeting_id", make_meeting(session, committee=committee).id),
    }

    for kind, (field, target_id) in targets.items():
        with one_event(session, "newsletter.item.created") as written:
            response = client.post(
                _url(issue),
                json={"kind": kind, "title": f"À la une : {kind}", field: str(target_id)},
                headers=admin_headers,
            )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body[field] == str(target_id)
        assert response.headers["ETag"] == '"1"'
        assert written.events[0].payload == {
            "issue_id": str(issue.id),
            "item_id": body["id"],
            "kind": kind,
        }
    assert [p for p, _ in _titles_in_order(session, issue)] == [3, 4, 5, 6]


@pytest.mark.parametrize(
    ("kind", "field", "target"),
    [
        ("contribution", "contribution_id", "missing"),
        ("contribution", "contribution_id", "draft contribution"),
        ("contribution", "contribution_id", "unknown"),
        ("publication", "publication_id", "missing"),
        ("publication", "publication_id", "draft publication"),
        ("event", "meeting_id", "unknown"),
        ("text", "meeting_id", "meeting"),
        ("event", "publication_id", "publication"),
    ],
)
def test_items_refuse_a_missing_invalid_or_foreign_target(
    client: TestClient,
    admin_headers: dict[str, str],
    session: Session,
    kind: str,
    field: str,
    target: str,
) -> None:
    committee = make_committee(session)
    issue = make_issue(session)
    sent: dict[str, Any] = {"kind": kind, "title": "Brève"}
    if kind == "event" and field != "meeting_id":
        sent["meeting_id"] = str(make_meeting(session, committee=committee).id)
    ids = {
        "draft contribution": lambda: (
            insert_contribution(session, committee=committee, status="draft").id
        ),
        "draft publication": lambda: insert_publication(session, status="draft").id,
        "meeting": lambda: make_meeting(session, committee=committee).id,
        "publication": lambda: insert_publication(session).id,
        "unknown": uuid.uuid4,
    }
    if target != "missing":
        sent[field] = str(ids[target]())

    with no_event(session):
        response = client.post(_url(issue), json=sent, headers=admin_headers)

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["body", field]


def test_an_item_given_a_taken_position_pushes_the_others_down(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    for title in ("A", "B", "C"):
        make_item(session, issue=issue, title=title)

    response = client.post(
        _url(issue), json={"kind": "text", "title": "New", "position": 2}, headers=admin_headers
    )

    assert response.status_code == 201, response.text
    assert _titles_in_order(session, issue) == [(1, "A"), (2, "New"), (3, "B"), (4, "C")]


@pytest.mark.parametrize("sent", [{}, {"position": 1}], ids=["appended", "inserted"])
def test_no_item_is_pushed_past_the_last_place(
    client: TestClient, admin_headers: dict[str, str], session: Session, sent: dict[str, Any]
) -> None:
    issue = make_issue(session)
    make_item(session, issue=issue, title="A")
    make_item(session, issue=issue, title="Z", position=MAX_POSITION)

    with no_event(session):
        response = client.post(
            _url(issue), json={"kind": "text", "title": "New"} | sent, headers=admin_headers
        )

    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["loc"] == ["body", "position"]
    assert _titles_in_order(session, issue) == [(1, "A"), (MAX_POSITION, "Z")]


def test_update_moves_and_changes_an_item_with_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    a = make_item(session, issue=issue, title="A")
    for title in ("B", "C"):
        make_item(session, issue=issue, title=title)
    publication = insert_publication(session)

    with no_event(session):
        stale = client.patch(
            f"{_url(issue)}/{a.id}",
            json={"title": "x"},
            headers=admin_headers | {"If-Match": '"9"'},
        )
    assert_problem(stale, 412)

    with one_event(session, "newsletter.item.updated") as written:
        response = client.patch(
            f"{_url(issue)}/{a.id}",
            json={"position": 3, "kind": "publication", "publication_id": str(publication.id)},
            headers=admin_headers | {"If-Match": '"1"'},
        )

    assert response.status_code == 200, response.text
    assert (response.json()["kind"], response.json()["position"]) == ("publication", 3)
    assert response.headers["ETag"] != '"1"'
    assert written.events[0].payload == {
        "issue_id": str(issue.id),
        "item_id": str(a.id),
        "fields": ["kind", "position", "publication_id"],
    }
    assert _titles_in_order(session, issue) == [(2, "B"), (3, "A"), (4, "C")]


def test_changing_kind_drops_the_former_target(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    publication = insert_publication(session)
    item = make_item(session, issue=issue, kind="publication", publication_id=publication.id)

    response = client.patch(
        f"{_url(issue)}/{item.id}",
        json={"kind": "text"},
        headers=admin_headers | {"If-Match": etag(item.version)},  # an item has no GET
    )

    assert response.status_code == 200, response.text
    assert (response.json()["kind"], response.json()["publication_id"]) == ("text", None)


def test_items_of_a_published_issue_are_fixed(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session, status="published")
    item = make_item(session, issue=issue)

    with no_event(session):
        created = client.post(
            _url(issue), json={"kind": "text", "title": "x"}, headers=admin_headers
        )
        changed = client.patch(
            f"{_url(issue)}/{item.id}", json={"title": "x"}, headers=admin_headers
        )
        deleted = client.delete(f"{_url(issue)}/{item.id}", headers=admin_headers)

    for response in (created, changed, deleted):
        assert_problem(response, 409, "conflict")


def test_delete_removes_the_item_with_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    item = make_item(session, issue=issue)
    other_issue_item = make_item(session, issue=make_issue(session))

    assert_problem(
        client.delete(f"{_url(issue)}/{other_issue_item.id}", headers=admin_headers), 404
    )
    with one_event(session, "newsletter.item.deleted") as written:
        response = client.delete(
            f"{_url(issue)}/{item.id}", headers=admin_headers | {"If-Match": '"1"'}
        )

    assert response.status_code == 204
    assert written.events[0].payload == {"issue_id": str(issue.id), "item_id": str(item.id)}
    assert _titles_in_order(session, issue) == []
