"""`/stats/programmes` against counts made by hand.

P (public, departmental), Q (private, departmental), L (public, local):
- P1 of P, validated: a1 (needs_survey; tags t1, x1) with d1 delivered on time, d2 delivered
  late, d3 planned and overdue, d4 in progress without a due date; a2 (calendar; t1) with d5
  dropped (past due, not overdue: dropped), d6 delivered without a due date.
- P2 of P, draft: a3 (prioritisation) with d7 planned and overdue.
- Q1 of Q, validated: a4 (needs_survey) with d8 planned, not due.
- L1 of L, in progress: a5 (calendar) with d9 delivered on its due date.
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.programmes.models import Tag
from tests.assertions import csv_rows
from tests.factories import auth, make_committee, make_user, save
from tests.programmes.factories import make_action, make_deliverable, make_programme, set_status

URL = "/api/v1/stats/programmes"
PAST = date(2020, 1, 1)
DUE = date(2024, 3, 1)


@pytest.fixture
def committees(session: Session) -> dict[str, Committee]:
    p = make_committee(session, department_codes=["07"])
    q = make_committee(session, department_codes=["33"], is_public=False)
    local = make_committee(session, scale="local", department_codes=["65"])
    t1 = save(session, Tag(kind="theme", code="stats-t1", label="T1"))
    x1 = save(session, Tag(kind="hcts_axis", code="stats-x1", label="X1"))

    p1 = make_programme(session, committee=p)
    a1 = make_action(session, programme=p1, tag_ids=[t1.id, x1.id])
    a2 = make_action(session, programme=p1, method_step="calendar", tag_ids=[t1.id])
    for status, due, delivered in [
        ("delivered", DUE, date(2024, 2, 20)),
        ("delivered", DUE, date(2024, 4, 1)),
        ("planned", PAST, None),
        ("in_progress", None, None),
    ]:
        make_deliverable(session, action=a1, status=status, due_on=due, delivered_on=delivered)
    make_deliverable(session, action=a2, status="dropped", due_on=PAST)
    make_deliverable(session, action=a2, status="delivered", delivered_on=DUE)
    set_status(session, p1, "validated")

    p2 = make_programme(session, committee=p)
    a3 = make_action(session, programme=p2, method_step="prioritisation")
    make_deliverable(session, action=a3, status="planned", due_on=PAST)

    q1 = make_programme(session, committee=q)
    make_deliverable(session, action=make_action(session, programme=q1), status="planned")
    set_status(session, q1, "validated")

    l1 = make_programme(session, committee=local)
    a5 = make_action(session, programme=l1, method_step="calendar")
    make_deliverable(session, action=a5, status="delivered", due_on=DUE, delivered_on=DUE)
    set_status(session, l1, "in_progress")
    return {"P": p, "Q": q, "L": local}


def counts(keys: str, **found: int) -> dict[str, int]:
    return dict.fromkeys(keys.split(), 0) | found


PROGRAMMES = "draft proposed validated in_progress closed"
STEPS = (
    "needs_survey diagnostics_review hcts_recommendations prioritisation "
    "objectives_deliverables pilot_members calendar"
)
DELIVERABLES = "planned in_progress delivered dropped"


def figures(client: TestClient, headers: dict[str, str] | None = None, **params: str) -> Any:
    answer = client.get(URL, params=params, headers=headers or {})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    actions = body["actions"]
    # Every tag of a kind is listed: those of other tests' data count nothing here.
    for kind in ("by_theme", "by_hcts_axis", "by_national_strategy"):
        actions[kind] = {k: v for k, v in actions[kind].items() if k.startswith("stats-") or v}
    return body


def deliverables(total: int, overdue: int, with_due: int, on_time: int, **by: int) -> Any:
    return {
        "total": total,
        "by_status": counts(DELIVERABLES, **by),
        "overdue": overdue,
        "delivered_with_due_date": with_due,
        "delivered_on_time": on_time,
        "on_time_rate": on_time / with_due if with_due else None,
    }


@pytest.mark.usefixtures("committees")
def test_a_network_admin_counts_every_programme_of_the_published_scope(
    session: Session, client: TestClient
) -> None:
    body = figures(client, auth(make_user(session, role=Role.network_admin)))
    assert body["scope"] == "published"
    assert body["programmes"] == {"total": 3, "by_status": counts(PROGRAMMES, draft=1, validated=2)}
    assert body["actions"] == {
        "total": 4,
        "by_method_step": counts(STEPS, needs_survey=2, calendar=1, prioritisation=1),
        "by_theme": {"stats-t1": 2},
        "by_hcts_axis": {"stats-x1": 1},
        "by_national_strategy": {},
    }
    assert body["deliverables"] == deliverables(
        8, overdue=2, with_due=2, on_time=1, delivered=3, planned=3, in_progress=1, dropped=1
    )


@pytest.mark.usefixtures("committees")
def test_anonymous_callers_count_validated_programmes_of_public_committees(
    client: TestClient,
) -> None:
    body = figures(client)
    assert body["programmes"] == {"total": 1, "by_status": counts(PROGRAMMES, validated=1)}
    assert body["actions"]["total"] == 2
    assert body["deliverables"] == deliverables(
        6, overdue=1, with_due=2, on_time=1, delivered=3, planned=1, in_progress=1, dropped=1
    )
    everything = figures(client, scope="all")
    assert everything["programmes"]["by_status"] == counts(PROGRAMMES, validated=1, in_progress=1)
    assert everything["actions"]["by_method_step"] == counts(STEPS, needs_survey=1, calendar=2)
    assert everything["deliverables"]["on_time_rate"] == pytest.approx(2 / 3)


def test_a_committee_admin_counts_every_programme_of_their_own(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committees["P"]))
    body = figures(client, pilot)
    assert body["programmes"]["by_status"] == counts(PROGRAMMES, draft=1, validated=1)
    assert body["deliverables"]["overdue"] == 2
    # Asked by id, a local committee counts whatever the scope.
    local = figures(client, committee_id=str(committees["L"].id))
    assert local["programmes"]["total"] == 1
    assert local["deliverables"]["on_time_rate"] == 1.0
    # A committee hidden from the caller counts nothing.
    assert figures(client, committee_id=str(committees["Q"].id))["programmes"]["total"] == 0
    by_department = figures(client, pilot, department="07")
    assert by_department["programmes"] == body["programmes"]
    assert figures(client, pilot, region="75")["programmes"]["total"] == 0


@pytest.mark.usefixtures("committees")
def test_csv_lists_each_figure_and_group(session: Session, client: TestClient) -> None:
    headers = auth(make_user(session, role=Role.network_admin))
    rows = csv_rows(client.get(URL, params={"format": "csv"}, headers=headers))
    assert list(rows[0]) == ["as_of", "scope", "figure", "group", "value", "suppressed"]
    found = {(r["figure"], r["group"]): r["value"] for r in rows}
    assert found[("programmes_total", "")] == "3"
    assert found[("programmes_by_status", "validated")] == "2"
    assert found[("actions_by_method_step", "needs_survey")] == "2"
    assert found[("actions_by_theme", "stats-t1")] == "2"
    assert found[("deliverables_overdue", "")] == "2"
    assert found[("deliverables_on_time_rate", "")] == "0.5"
    assert len(found) == len(rows)  # one row per figure and group
