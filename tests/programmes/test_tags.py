from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.programmes import service_tags
from api.programmes.models import Tag
from tests.assertions import assert_problem
from tests.factories import auth, make_committee, make_user

URL = "/api/v1/tags"


def test_the_reference_tags_are_inserted_once(session: Session) -> None:
    first = service_tags.ensure_reference_tags(session)
    again = service_tags.ensure_reference_tags(session)

    codes = set(session.exec(select(Tag.code)).all())
    assert {code for _, code, _ in service_tags.REFERENCE_TAGS} <= codes
    assert len(first) == len(service_tags.REFERENCE_TAGS)
    assert again == []


def test_anyone_lists_tags_filtered_by_kind(client: TestClient, session: Session) -> None:
    service_tags.ensure_reference_tags(session)

    strategies = client.get(URL, params={"kind": "national_strategy", "limit": 500}).json()

    codes = [t["code"] for t in strategies["items"]]
    assert "strategie-protection-enfance" in codes
    assert "strategie-pauvrete" in codes
    assert {t["kind"] for t in strategies["items"]} == {"national_strategy"}
    assert codes == sorted(codes)


def test_network_admin_adds_a_tag_with_a_unique_code(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    body = {"kind": "theme", "code": "falc", "label": "Facile à lire et à comprendre"}

    created = client.post(URL, json=body, headers=admin_headers)
    again = client.post(URL, json=body, headers=admin_headers)

    assert created.status_code == 201, created.text
    assert {k: created.json()[k] for k in body} == body
    assert_problem(again, 409, "conflict")
    assert len(session.exec(select(Tag).where(Tag.code == "falc")).all()) == 1


def test_only_network_admin_extends_the_list(client: TestClient, session: Session) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.committee_admin, committee=committee)
    body = {"kind": "theme", "code": "x", "label": "X"}

    assert_problem(client.post(URL, json=body, headers=auth(admin)), 403)
    assert_problem(client.post(URL, json=body), 401)


def test_a_malformed_code_is_refused(client: TestClient, admin_headers: dict[str, str]) -> None:
    response = client.post(
        URL, json={"kind": "theme", "code": "Avec Espaces", "label": "X"}, headers=admin_headers
    )

    assert_problem(response, 422)
