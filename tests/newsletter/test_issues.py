import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from api.newsletter.models import NewsletterIssue, NewsletterItem
from tests.assertions import assert_problem, item_ids
from tests.factories import auth, editing, make_committee, make_user
from tests.newsletter.factories import make_issue, make_item
from tests.outbox import no_event, one_event

URL = "/api/v1/newsletter/issues"


@pytest.fixture
def member_headers(session: Session) -> dict[str, str]:
    return auth(make_user(session, role=Role.member, committee=make_committee(session)))


def test_create_starts_a_draft_and_writes_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    sent = {"number": 12, "title": "Lettre du réseau n°12", "editorial": "Le mot du bureau."}

    with one_event(session, "newsletter.issue.created") as written:
        response = client.post(URL, json=sent, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in sent} == sent
    assert (body["status"], body["published_on"], body["items"]) == ("draft", None, [])
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert written.events[0].payload == {"issue_id": body["id"], "number": 12, "status": "draft"}


def test_a_number_is_taken_once(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    taken = make_issue(session)
    other = make_issue(session)

    with no_event(session):
        created = client.post(
            URL, json={"number": taken.number, "title": "Doublon"}, headers=admin_headers
        )
        renumbered = client.patch(
            f"{URL}/{other.id}",
            json={"number": taken.number},
            headers=editing(client, f"{URL}/{other.id}", admin_headers),
        )

    assert_problem(created, 409, "conflict")
    assert_problem(renumbered, 409, "conflict")


@pytest.mark.parametrize(
    "sent",
    [{"number": 0, "title": "Zéro"}, {"number": 3}, {"number": 3, "title": "x", "status": "draft"}],
)
def test_create_refuses_invalid_issues(
    client: TestClient, admin_headers: dict[str, str], session: Session, sent: dict[str, Any]
) -> None:
    with no_event(session):
        assert_problem(client.post(URL, json=sent, headers=admin_headers), 422)


def test_members_read_published_issues_newest_first_and_admins_drafts_too(
    client: TestClient,
    admin_headers: dict[str, str],
    member_headers: dict[str, str],
    session: Session,
) -> None:
    first = make_issue(session, status="published")
    second = make_issue(session, status="published")
    draft = make_issue(session)

    def ids(headers: dict[str, str], **params: Any) -> list[str]:
        return item_ids(client.get(URL, params=params, headers=headers))

    assert ids(member_headers) == [str(second.id), str(first.id)]
    assert ids(member_headers, status="draft") == []
    assert ids(admin_headers) == [str(draft.id), str(second.id), str(first.id)]
    assert ids(admin_headers, status="draft") == [str(draft.id)]
    page = client.get(URL, params={"limit": 2}, headers=admin_headers).json()
    rest = client.get(
        URL, params={"limit": 2, "cursor": page["next_cursor"]}, headers=admin_headers
    ).json()
    assert [i["id"] for i in page["items"] + rest["items"]] == ids(admin_headers)
    assert_problem(client.get(f"{URL}/{draft.id}", headers=member_headers), 404)
    assert client.get(f"{URL}/{draft.id}", headers=admin_headers).status_code == 200


def test_an_issue_comes_with_its_items_in_order(
    client: TestClient, member_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session, status="published")
    late = make_item(session, issue=issue, position=5)
    early = make_item(session, issue=issue, position=2)

    response = client.get(f"{URL}/{issue.id}", headers=member_headers)

    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == [str(early.id), str(late.id)]
    assert response.headers["ETag"] == f'"{issue.version}"'


def test_an_issue_without_items_comes_with_none(
    client: TestClient, member_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session, status="published")

    response = client.get(f"{URL}/{issue.id}", headers=member_headers)

    assert response.status_code == 200, response.text
    assert response.json()["items"] == []
    assert response.json()["id"] == str(issue.id)


def test_update_honours_if_match_and_writes_one_event(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    url = f"{URL}/{issue.id}"

    with no_event(session):
        assert_problem(
            client.patch(url, json={"title": "x"}, headers=admin_headers | {"If-Match": '"5"'}),
            412,
        )
        assert_problem(client.patch(url, json={"title": None}, headers=admin_headers), 422)

    with one_event(session, "newsletter.issue.updated") as written:
        response = client.patch(
            url, json={"editorial": "Édito"}, headers=admin_headers | {"If-Match": '"1"'}
        )

    assert response.status_code == 200, response.text
    assert response.json()["editorial"] == "Édito"
    assert response.headers["ETag"] == '"2"'
    assert written.events[0].payload == {"issue_id": str(issue.id), "fields": ["editorial"]}


def test_publish_dates_the_issue_once(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)
    url = f"{URL}/{issue.id}/publish"

    with one_event(session, "newsletter.issue.published") as written:
        response = client.post(url, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["published_on"]) == (
        "published",
        today().isoformat(),
    )
    assert written.events[0].payload == {
        "issue_id": str(issue.id),
        "from": "draft",
        "to": "published",
        "published_on": today().isoformat(),
    }
    with no_event(session):
        assert_problem(client.post(url, headers=admin_headers), 409, "conflict")


def test_delete_removes_a_draft_with_its_items_but_not_a_published_issue(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    draft = make_issue(session)
    item_id = make_item(session, issue=draft).id
    published = make_issue(session, status="published")

    with no_event(session):
        assert_problem(
            client.delete(
                f"{URL}/{published.id}",
                headers=editing(client, f"{URL}/{published.id}", admin_headers),
            ),
            409,
        )

    with one_event(session, "newsletter.issue.deleted") as written:
        response = client.delete(f"{URL}/{draft.id}", headers=admin_headers | {"If-Match": '"1"'})

    assert response.status_code == 204
    assert written.events[0].payload == {"issue_id": str(draft.id)}
    session.expire_all()
    assert session.get(NewsletterIssue, draft.id) is None
    assert session.get(NewsletterItem, item_id) is None


def test_members_may_not_write_issues(
    client: TestClient, member_headers: dict[str, str], session: Session
) -> None:
    issue = make_issue(session)

    with no_event(session):
        assert_problem(
            client.post(URL, json={"number": 4, "title": "x"}, headers=member_headers), 403
        )
        assert_problem(client.post(f"{URL}/{issue.id}/publish", headers=member_headers), 403)
        assert_problem(client.post(f"{URL}/{uuid.uuid4()}/publish", headers=member_headers), 403)
