import uuid
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.hcts.models import Publication
from tests.assertions import assert_problem, item_ids
from tests.factories import auth, editing, make_committee, make_user
from tests.hcts.factories import make_axis, make_publication, make_relay
from tests.outbox import no_event, one_event

URL = "/api/v1/hcts/publications"
BODY = {
    "kind": "practice_sheet",
    "title": "Fiche pratique : le travail social hors les murs",
    "summary": "Repères pour aller vers les personnes.",
    "published_on": "2022-03-15",
    "url": "https://solidarites.gouv.fr/hcts/fiche-aller-vers",
    "themes": ["aller-vers", "Participation", "participation "],
}


def test_network_admin_creates_a_draft_and_one_event_is_written(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session)

    with one_event(session, "hcts.publication.created") as written:
        response = client.post(URL, json=BODY | {"axis_id": str(axis.id)}, headers=admin_headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "draft"
    assert body["published_at"] is None
    assert body["relay_count"] == 0
    assert body["axis_id"] == str(axis.id)
    assert body["themes"] == ["aller-vers", "Participation"]
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert written.events[0].payload == {"publication_id": body["id"], "status": "draft"}


def test_create_refuses_bad_fields_and_writes_no_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)

    with no_event(session):
        unknown_axis = client.post(
            URL, json=BODY | {"axis_id": str(uuid.uuid4())}, headers=admin_headers
        )
        ftp = client.post(URL, json=BODY | {"url": "ftp://example.org/x"}, headers=admin_headers)
        many = client.post(
            URL, json=BODY | {"themes": [f"t{i}" for i in range(21)]}, headers=admin_headers
        )
        long = client.post(URL, json=BODY | {"themes": ["x" * 81]}, headers=admin_headers)
        kind = client.post(URL, json=BODY | {"kind": "novel"}, headers=admin_headers)
        status = client.post(URL, json=BODY | {"status": "published"}, headers=admin_headers)
        not_network = client.post(URL, json=BODY, headers=auth(admin))

    body = assert_problem(unknown_axis, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "axis_id"]
    for response in (ftp, many, long, kind, status):
        assert_problem(response, 422, "validation-error")
    assert_problem(not_network, 403, "forbidden")


def test_the_public_sees_published_items_only_newest_first(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    old = make_publication(session, published_on=date(2021, 5, 1))
    new = make_publication(session, published_on=date(2023, 5, 1))
    draft = make_publication(session, status="draft", published_on=date(2024, 1, 1))
    member = make_user(session, role=Role.member, committee=make_committee(session))

    anonymous = client.get(URL).json()
    as_member = client.get(URL, headers=auth(member)).json()
    as_member_drafts = client.get(URL, params={"status": "draft"}, headers=auth(member)).json()
    as_admin = client.get(URL, headers=admin_headers).json()
    admin_drafts = client.get(URL, params={"status": "draft"}, headers=admin_headers).json()

    assert item_ids(anonymous) == [str(new.id), str(old.id)]
    assert item_ids(as_member) == [str(new.id), str(old.id)]
    assert item_ids(as_member_drafts) == []
    assert item_ids(as_admin) == [str(draft.id), str(new.id), str(old.id)]
    assert item_ids(admin_drafts) == [str(draft.id)]


def test_the_list_filters_by_kind_axis_and_date(client: TestClient, session: Session) -> None:
    axis = make_axis(session)
    report = make_publication(session, kind="report", published_on=date(2021, 1, 10))
    opinion = make_publication(
        session, kind="opinion", axis_id=axis.id, published_on=date(2022, 6, 1)
    )
    guide = make_publication(session, kind="guide", published_on=date(2023, 9, 1))

    assert item_ids(client.get(URL, params={"kind": "opinion"}).json()) == [str(opinion.id)]
    assert item_ids(client.get(URL, params={"axis_id": str(axis.id)}).json()) == [str(opinion.id)]
    period = {"published_from": "2021-01-10", "published_to": "2022-06-01"}
    assert item_ids(client.get(URL, params=period).json()) == [str(opinion.id), str(report.id)]
    since = client.get(URL, params={"published_from": "2022-06-02"}).json()
    assert item_ids(since) == [str(guide.id)]


def test_the_list_pages_newest_first_with_a_cursor(client: TestClient, session: Session) -> None:
    same_day = [make_publication(session, published_on=date(2023, 1, 1)) for _ in range(2)]
    older = make_publication(session, published_on=date(2022, 1, 1))
    expected = [str(p.id) for p in sorted(same_day, key=lambda p: p.id, reverse=True)]

    first = client.get(URL, params={"limit": 2}).json()
    second = client.get(URL, params={"limit": 2, "cursor": first["next_cursor"]}).json()

    assert item_ids(first) == expected
    assert item_ids(second) == [str(older.id)]
    assert second["next_cursor"] is None


def test_relay_count_counts_distinct_committees(client: TestClient, session: Session) -> None:
    publication = make_publication(session)
    one, two = make_committee(session), make_committee(session)
    make_relay(session, publication=publication, committee=one, channel="mailing_list")
    make_relay(session, publication=publication, committee=one, channel="meeting")
    make_relay(session, publication=publication, committee=two)
    quiet = make_publication(session)

    items = {item["id"]: item for item in client.get(URL).json()["items"]}
    single = client.get(f"{URL}/{publication.id}").json()

    assert items[str(publication.id)]["relay_count"] == 2
    assert items[str(quiet.id)]["relay_count"] == 0
    assert single["relay_count"] == 2


def test_a_draft_is_found_by_network_admins_only(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    draft = make_publication(session, status="draft")
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    url = f"{URL}/{draft.id}"

    assert_problem(client.get(url), 404, "not-found")
    assert_problem(client.get(url, headers=auth(admin)), 404, "not-found")
    response = client.get(url, headers=admin_headers)
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.headers["ETag"] == '"1"'


def test_update_a_publication_writes_one_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    axis = make_axis(session)
    publication = make_publication(session, axis_id=axis.id, url="https://example.org/a")

    with one_event(session, "hcts.publication.updated") as written:
        response = client.patch(
            f"{URL}/{publication.id}",
            json={"title": "Titre corrigé", "url": None, "axis_id": None, "kind": "guide"},
            headers=admin_headers | {"If-Match": f'"{publication.version}"'},
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["title"], body["url"], body["axis_id"], body["kind"]) == (
        "Titre corrigé",
        None,
        None,
        "guide",
    )
    assert body["status"] == "published"
    assert written.events[0].payload == {
        "publication_id": str(publication.id),
        "status": "published",
        "fields": ["axis_id", "kind", "title", "url"],
    }


def test_an_update_refused_writes_no_event(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    publication = make_publication(session, status="draft")
    url = f"{URL}/{publication.id}"

    with no_event(session):
        stale = client.patch(url, json={"title": "x"}, headers=admin_headers | {"If-Match": '"7"'})
        axis = client.patch(url, json={"axis_id": str(uuid.uuid4())}, headers=admin_headers)
        null = client.patch(url, json={"themes": None}, headers=admin_headers)
        missing = client.patch(f"{URL}/{uuid.uuid4()}", json={"title": "x"}, headers=admin_headers)

    assert_problem(stale, 412, "precondition-failed")
    assert_problem(axis, 422, "validation-error")
    assert_problem(null, 422, "validation-error")
    assert_problem(missing, 404, "not-found")


def test_publish_a_draft_once(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    draft = make_publication(session, status="draft")
    before = datetime.now(UTC)

    with one_event(session, "hcts.publication.published") as written:
        response = client.post(f"{URL}/{draft.id}/publish", headers=admin_headers)
    with no_event(session):
        again = client.post(f"{URL}/{draft.id}/publish", headers=admin_headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "published"
    assert datetime.fromisoformat(body["published_at"]) >= before
    assert written.events[0].payload == {
        "publication_id": str(draft.id),
        "from": "draft",
        "to": "published",
        "published_at": body["published_at"],
    }
    assert_problem(again, 409, "conflict", code="already_published")
    assert client.get(f"{URL}/{draft.id}").status_code == 200


def test_delete_a_publication_no_committee_relayed(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    publication = make_publication(session)

    with one_event(session, "hcts.publication.deleted") as written:
        response = client.delete(
            f"{URL}/{publication.id}", headers=admin_headers | {"If-Match": '"2"'}
        )

    assert response.status_code == 204, response.text
    assert session.get(Publication, publication.id) is None
    assert written.events[0].payload == {
        "publication_id": str(publication.id),
        "status": "published",
    }


def test_a_relayed_publication_is_kept(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    publication = make_publication(session)
    make_relay(session, publication=publication, committee=make_committee(session))
    other = make_publication(session)

    with no_event(session):
        response = client.delete(
            f"{URL}/{publication.id}",
            headers=editing(client, f"{URL}/{publication.id}", admin_headers),
        )
        stale = client.delete(f"{URL}/{other.id}", headers=admin_headers | {"If-Match": '"1"'})

    assert_problem(response, 409, "conflict", code="publication_relayed")
    assert_problem(stale, 412, "precondition-failed")


def test_date_filters_take_iso_dates_only(client: TestClient) -> None:
    response = client.get(URL, params={"published_to": "0"})

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "published_to"]
