"""`sort_key` has one writer per table: people computes a person's key, memberships'
people_links copies it; every rename reaches the members list's order."""

import ast
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.memberships.models import Membership
from tests.factories import editing, make_committee
from tests.memberships.factories import make_membership, make_person

API = Path(__file__).resolve().parents[2] / "api"
# And their batch twins (a bulk import): people's keys, the terms' copies of them.
WRITERS = {
    "people/service.py",
    "people/service_sync.py",
    "memberships/people_links.py",
    "memberships/service_many.py",
}


def _names(client: TestClient, committee_id: Any, headers: dict[str, str]) -> list[str]:
    response = client.get(f"/api/v1/committees/{committee_id}/members", headers=headers)
    assert response.status_code == 200, response.text
    return [item["person"]["last_name"] for item in response.json()["items"]]


def test_a_rename_through_the_api_moves_the_person_in_the_members_list(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    for last_name in ("Arnaud", "Blanc", "Chevalier"):
        make_membership(
            session, committee=committee, person=make_person(session, last_name=last_name)
        )
    arnaud = session.exec(select(Membership).where(Membership.committee_id == committee.id)).all()
    person_id = next(m.person_id for m in arnaud if m.sort_key.startswith("arnaud"))
    before = _names(client, committee.id, admin_headers)

    renamed = client.patch(
        f"/api/v1/people/{person_id}",
        json={"last_name": "Zérah"},
        headers=editing(client, f"/api/v1/people/{person_id}", admin_headers),
    )

    assert renamed.status_code == 200, renamed.text
    assert before == ["Arnaud", "Blanc", "Chevalier"]
    assert _names(client, committee.id, admin_headers) == ["Blanc", "Chevalier", "Zérah"]


def test_a_rename_by_any_flush_recopies_the_key_to_every_term(session: Session) -> None:
    person = make_person(session, first_name="Inès", last_name="Roux")
    terms = [make_membership(session, committee=make_committee(session), person=person)]
    terms.append(make_membership(session, committee=make_committee(session), person=person))

    person.last_name, person.sort_key = "Vidal", "vidal ines"  # not through people's service
    session.add(person)
    session.flush()

    session.expire_all()
    assert {term.sort_key for term in terms} == {"vidal ines"}


def _writes_sort_key(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Attribute) and t.attr == "sort_key" for t in targets)
    if isinstance(node, ast.Call):
        return any(keyword.arg == "sort_key" for keyword in node.keywords)
    if isinstance(node, ast.Dict):
        return any(isinstance(k, ast.Constant) and k.value == "sort_key" for k in node.keys)
    return False


def test_only_the_writers_assign_a_sort_key() -> None:
    found = [
        f"api/{path.relative_to(API)}:{node.lineno}"
        for path in sorted(API.rglob("*.py"))
        if path.relative_to(API).as_posix() not in WRITERS
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if _writes_sort_key(node)
    ]
    assert found == [], (
        "sort_key is written only by api/people/service.py and service_sync.py (a person's "
        "key) and api/memberships/people_links.py and service_many.py (the memberships' "
        f"copy); also written at: {found}"
    )
