"""`/stats/composition` against counts made by hand, on 2025-01-01.

- P (departmental, 07): its COPIL holds a person supported and two social workers since
  2024-01-01, target a third of people supported (1/3: not below); its COTECH has no target.
- Q (departmental, 33): its agora holds two social workers, targets a quarter of people
  supported (none: below) and half of social workers (met).
- L (local, 07): its COPIL has a target and nobody (below); counted with `scope=all` only.
"""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.bodies import service as bodies
from api.bodies.models import Body
from api.bodies.schemas import CompositionTargetIn
from api.committees.models import Committee
from api.people.schemas import PersonCategory
from tests.assertions import assert_problem, csv_rows
from tests.bodies.factories import make_body
from tests.factories import auth, make_committee, make_user
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

URL = "/api/v1/stats/composition"
ON = {"as_of": "2025-01-01"}


def targets(session: Session, body: Body, **at_least: str) -> None:
    wanted = [
        CompositionTargetIn(category=PersonCategory(c), at_least=Decimal(v))
        for c, v in at_least.items()
    ]
    bodies.replace_targets(session, body=body, targets=wanted)


@pytest.fixture
def committees(session: Session) -> dict[str, Committee]:
    p = make_committee(session, department_codes=["07"])
    q = make_committee(session, department_codes=["33"])
    local = make_committee(session, scale="local", department_codes=["07"])
    copil = make_body(session, committee=p, name="COPIL P")
    cotech = make_body(session, committee=p, kind="cotech", name="COTECH P")
    agora = make_body(session, committee=q, kind="agora", name="Agora Q")
    targets(session, make_body(session, committee=local, name="COPIL L"), person_supported="0.1")
    targets(session, copil, person_supported="0.3333")
    targets(session, agora, person_supported="0.25", social_worker="0.5")

    def member(committee: Committee, body: Body, category: str) -> None:
        person = make_person(session, category=category)
        make_membership(
            session, committee=committee, person=person, start_on=date(2024, 1, 1),
            body_id=str(body.id),
        )  # fmt: skip

    for category in ("person_supported", "social_worker", "social_worker"):
        member(p, copil, category)
    member(p, cotech, "person_supported")
    member(q, agora, "social_worker")
    member(q, agora, "social_worker")
    return {"P": p, "Q": q, "L": local}


def figures(client: TestClient, headers: dict[str, str], **params: str) -> Any:
    answer = client.get(URL, params=ON | params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def summary(body: dict[str, Any]) -> tuple[str, int, bool, dict[str, tuple[int, Any, bool]]]:
    """(name, members, below, category → (members, target, below)) for the categories with
    members or a target."""
    return (
        body["body_name"],
        body["members"],
        body["below_target"],
        {
            c["category"]: (c["members"], c["target"], c["below_target"])
            for c in body["by_category"]
            if c["members"] or c["target"] is not None
        },
    )


def test_a_network_admin_sees_every_targeted_body_counted(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    headers = auth(make_user(session, role=Role.network_admin))

    body = figures(client, headers)

    assert {k: body[k] for k in ("as_of", "scope", "bodies_with_targets")} == {
        "as_of": "2025-01-01",
        "scope": "published",
        "bodies_with_targets": 2,
    }
    assert body["bodies_below_target"] == 1
    assert [summary(item) for item in body["items"]] == [
        (
            "Agora Q",
            2,
            True,
            {"person_supported": (0, 0.25, True), "social_worker": (2, 0.5, False)},
        ),
        (
            "COPIL P",
            3,
            False,
            {"person_supported": (1, 0.3333, False), "social_worker": (2, None, False)},
        ),
    ]
    copil = body["items"][1]
    assert (copil["committee_id"], copil["body_kind"]) == (str(committees["P"].id), "copil")
    shares = [c["share"] for c in copil["by_category"]]
    assert shares[:3] == [pytest.approx(1 / 3), pytest.approx(2 / 3), 0]

    below = figures(client, headers, below_target_only="true")
    assert [item["body_name"] for item in below["items"]] == ["Agora Q"]
    assert (below["bodies_with_targets"], below["bodies_below_target"]) == (2, 1)
    every = figures(client, headers, scope="all")
    assert [item["body_name"] for item in every["items"]] == ["Agora Q", "COPIL L", "COPIL P"]
    assert summary(every["items"][1]) == ("COPIL L", 0, True, {"person_supported": (0, 0.1, True)})
    assert every["bodies_below_target"] == 2
    assert [i["body_name"] for i in figures(client, headers, department="07")["items"]] == [
        "COPIL P"
    ]
    one = figures(client, headers, committee_id=str(committees["L"].id))
    assert [item["body_name"] for item in one["items"]] == ["COPIL L"]
    # Before anyone's term: everyone is below.
    early = figures(client, headers, as_of="2023-12-31")
    assert (early["bodies_below_target"], early["items"][1]["members"]) == (2, 0)


def test_committee_admins_see_their_committees_members_none_and_anonymous_callers_401(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committees["P"]))
    assert [item["body_name"] for item in figures(client, pilot)["items"]] == ["COPIL P"]
    member = auth(make_user(session, role=Role.member, committee=committees["Q"]))
    assert figures(client, member) | {"as_of": None} == {
        "as_of": None,
        "scope": "published",
        "bodies_with_targets": 0,
        "bodies_below_target": 0,
        "items": [],
    }
    assert_problem(client.get(URL), 401)
    headers = auth(make_user(session, role=Role.network_admin))
    bad = client.get(URL, params={"below_target_only": "yes"}, headers=headers)
    assert [e["parameter"] for e in assert_problem(bad, 422)["errors"]] == ["below_target_only"]


@pytest.mark.usefixtures("committees")
def test_csv_has_a_row_per_body_and_category(session: Session, client: TestClient) -> None:
    headers = auth(make_user(session, role=Role.network_admin)) | {"Accept": "text/csv"}

    answer = client.get(URL, params=ON, headers=headers)

    rows = csv_rows(answer)
    assert "ancrage-composition-2025-01-01.csv" in answer.headers["content-disposition"]
    assert len(rows) == 2 * len(PersonCategory)
    found = {(r["body_name"], r["category"]): r for r in rows}
    assert found[("COPIL P", "person_supported")] | {"share": "", "committee_id": ""} == {
        "as_of": "2025-01-01",
        "scope": "published",
        "committee_id": "",
        "body_id": found[("COPIL P", "student")]["body_id"],
        "body_name": "COPIL P",
        "body_kind": "copil",
        "body_members": "3",
        "body_below_target": "false",
        "category": "person_supported",
        "members": "1",
        "share": "",
        "target": "0.3333",
        "below_target": "false",
    }
    assert float(found[("COPIL P", "person_supported")]["share"]) == pytest.approx(1 / 3)
    assert found[("Agora Q", "person_supported")]["below_target"] == "true"
    assert found[("Agora Q", "student")]["target"] == ""
