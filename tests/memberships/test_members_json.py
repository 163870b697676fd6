"""The members list writes its JSON straight from rows (the hot path); the bytes must be what
its documented `MembershipPage` gives: same fields, same formats, nothing more."""

import json
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.memberships.schemas import MembershipPage
from tests.bodies.factories import make_body
from tests.factories import make_committee
from tests.memberships.factories import make_membership
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person


def _assert_is_a_membership_page(body: bytes) -> dict[str, Any]:
    page = MembershipPage.model_validate_json(body)  # the documented shape, strictly typed
    assert json.loads(body) == json.loads(page.model_dump_json())  # nothing added, same text
    parsed: dict[str, Any] = json.loads(body)
    return parsed


def test_every_kind_of_term_is_written_as_its_schema_says(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    body = make_body(session, committee=committee)
    organisation = make_organisation(session)
    full = make_membership(
        session,
        committee=committee,
        person=make_person(
            session,
            first_name="Éloïse",
            last_name='N’Diaye "l\'aînée"',
            category="person_supported",
            organisation_id=str(organisation.id),
        ),
        role="titular",
        body_id=str(body.id),
        card_number="CLTS-07/001",
        external_id="sirh-42",
        source="cd07",
        term_years=1,
    )
    renewed = client.post(
        f"/api/v1/memberships/{full.id}/renew", json={"term_years": 3}, headers=admin_headers
    )
    assert renewed.status_code == 201, renewed.text
    whole_second = make_membership(session, committee=committee, end_on=date(2024, 6, 30))
    # A timestamp on a whole second is written without a fraction, as pydantic writes it.
    whole_second.created_at = datetime(2024, 1, 1, 9, 30, tzinfo=UTC)
    session.add(whole_second)
    session.flush()

    response = client.get(
        f"/api/v1/committees/{committee.id}/members",
        params={"all": "true", "as_of": "2024-07-01"},
        headers=admin_headers,
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    items = _assert_is_a_membership_page(response.content)["items"]
    by_id = {item["id"]: item for item in items}
    assert by_id[str(full.id)]["person"]["organisation_id"] == str(organisation.id)
    assert by_id[str(full.id)]["body_id"] == str(body.id)
    assert by_id[renewed.json()["id"]]["status"] == "upcoming"
    assert by_id[str(whole_second.id)]["created_at"] == "2024-01-01T09:30:00Z"
    assert by_id[str(whole_second.id)]["status"] == "ended"
    assert "sort_key" not in by_id[str(full.id)]


def test_pages_and_their_cursor_are_written_as_the_schema_says(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    for _ in range(3):
        make_membership(session, committee=committee)
    url = f"/api/v1/committees/{committee.id}/members"

    first = client.get(url, params={"limit": 2}, headers=admin_headers)
    cursor = _assert_is_a_membership_page(first.content)["next_cursor"]
    last = client.get(url, params={"limit": 2, "cursor": cursor}, headers=admin_headers)
    empty = client.get(url, params={"as_of": "2000-01-01"}, headers=admin_headers)

    assert isinstance(cursor, str)
    assert len(_assert_is_a_membership_page(last.content)["items"]) == 1
    assert _assert_is_a_membership_page(last.content)["next_cursor"] is None
    assert _assert_is_a_membership_page(empty.content) == {"items": [], "next_cursor": None}
