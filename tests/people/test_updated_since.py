"""`updated_since` on the people list: what a sync changed since its previous run."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.people.factories import make_person

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def test_only_people_changed_since_the_moment_are_listed(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    old, recent = make_person(session, source="s", external_id="1"), make_person(session)
    old.updated_at = LONG_AGO
    session.add(old)
    session.flush()

    listed = client.get(
        "/api/v1/people",
        params={"updated_since": "2024-06-01T00:00:00+02:00", "limit": 500},
        headers=admin_headers,
    )
    everyone = client.get(
        "/api/v1/people", params={"updated_since": "2019-12-31T23:00:00Z"}, headers=admin_headers
    )
    naive = client.get(
        "/api/v1/people", params={"updated_since": "2024-06-01"}, headers=admin_headers
    )

    ids = {p["id"] for p in listed.json()["items"]}
    assert str(recent.id) in ids
    assert str(old.id) not in ids
    assert str(old.id) in {p["id"] for p in everyone.json()["items"]}
    assert naive.status_code == 422
