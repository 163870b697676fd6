"""`/stats/liaison` against counts made by hand.

P and Q are active (departmental), R is in reflection.
- Contributions: P's c1 submitted 2023-01-10, acknowledged 10 days later, answered 60 days
  after submission; P's c2 (an inspiring practice) submitted 2023-02-01, acknowledged after 4
  days, declined after 10; P's c3 submitted 2023-06-01, nothing since; Q's c4 submitted
  2024-01-01, acknowledged after 30 days, taken up after 60; Q's c5 a draft.
- Candidatures: P's accepted and proposed, Q's declined.
- Relays: the 2023 publication by P (twice) and Q, the 2024 one by R.
- Seminars: P's person a present at both, b registered at the first; Q's c absent.
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from tests.assertions import assert_problem, csv_rows
from tests.contributions.factories import make_contribution
from tests.factories import auth, make_committee, make_user, move_committee
from tests.hcts.factories import make_call, make_candidature, make_publication, make_relay
from tests.people.factories import make_person
from tests.seminars.factories import make_registration, make_seminar

URL = "/api/v1/stats/liaison"


def _days(*days: str) -> list[date]:
    return [date.fromisoformat(d) for d in days]


@pytest.fixture
def committees(session: Session) -> dict[str, Committee]:
    made = {}
    for key, department in (("P", "07"), ("Q", "33"), ("R", "26")):
        made[key] = make_committee(
            session, department_codes=[department], status_since=date(2020, 1, 1)
        )
    for key in ("P", "Q"):
        move_committee(
            session, made[key], ("construction", date(2020, 6, 1)), ("active", date(2021, 1, 1))
        )
    p, q, r = made["P"], made["Q"], made["R"]

    early = {"drafted_on": "2022-12-01"}
    make_contribution(
        session,
        committee=p,
        status="answered",
        dates=_days("2023-01-10", "2023-01-20", "2023-03-11"),
        **early,
    )
    make_contribution(
        session,
        committee=p,
        status="declined",
        kind="inspiring_practice",
        dates=_days("2023-02-01", "2023-02-05", "2023-02-11"),
        **early,
    )
    make_contribution(session, committee=p, status="submitted", dates=_days("2023-06-01"), **early)
    make_contribution(
        session,
        committee=q,
        status="taken_up",
        dates=_days("2024-01-01", "2024-01-31", "2024-03-01"),
        **early,
    )
    make_contribution(session, committee=q)

    call = make_call(session)
    make_candidature(session, call=call, committee=p, status="accepted")
    make_candidature(session, call=call, committee=p)
    make_candidature(session, call=call, committee=q, status="declined")

    older = make_publication(session, published_on=date(2023, 1, 1))
    newer = make_publication(session, published_on=date(2024, 1, 1))
    make_relay(session, publication=older, committee=p)
    make_relay(session, publication=older, committee=p, channel="website")
    make_relay(session, publication=older, committee=q)
    make_relay(session, publication=newer, committee=r)

    first, second = make_seminar(session), make_seminar(session)
    a, b, c = make_person(session), make_person(session), make_person(session)
    make_registration(session, seminar=first, committee=p, person=a, status="present")
    make_registration(session, seminar=second, committee=p, person=a, status="present")
    make_registration(session, seminar=first, committee=p, person=b)
    make_registration(session, seminar=first, committee=q, person=c, status="absent")
    return made  # fmt: skip


def figures(client: TestClient, headers: dict[str, str], **params: str) -> Any:
    answer = client.get(URL, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def delay(count: int, median: int | None, p90: int | None) -> dict[str, Any]:
    return {"count": count, "median_days": median, "p90_days": p90}


def test_a_network_admin_reads_every_figure(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    body = figures(client, auth(make_user(session, role=Role.network_admin)))
    contributions = body["contributions"]
    assert contributions["total"] == 5
    assert contributions["by_kind"] == {
        "field_question": 4, "inspiring_practice": 1, "production": 0, "proposal": 0,
        "emerging_issue": 0,
    }  # fmt: skip
    assert contributions["by_status"] == {
        "draft": 1, "submitted": 1, "acknowledged": 0, "taken_up": 1, "answered": 1, "declined": 1
    }  # fmt: skip
    # 2023: first moves after 10 and 4 days, answers after 60 and 10 (nearest rank: the
    # median of two is the smaller); 2024: one contribution, 30 and 60 days.
    assert contributions["response_times"] == [
        {"year": 2023, "submitted": 3, "first_move": delay(2, 4, 10), "answer": delay(2, 10, 60)},
        {"year": 2024, "submitted": 1, "first_move": delay(1, 30, 30), "answer": delay(1, 60, 60)},
    ]
    assert body["candidatures"] == {"proposed": 1, "accepted": 1, "declined": 1, "withdrawn": 0}

    relays = body["relays"]
    assert relays["active_committees"] == 2
    shares = [
        (p["published_on"], p["committees_relaying"], p["share_of_active_committees"])
        for p in relays["by_publication"]
    ]
    # Newest first; the 2024 one was relayed by R, not active.
    assert shares == [("2024-01-01", 1, 0.0), ("2023-01-01", 2, 1.0)]
    ids = {str(c.id): key for key, c in committees.items()}
    assert {ids[r["committee_id"]]: r["publications_relayed"] for r in relays["by_committee"]} == {
        "P": 1, "Q": 1, "R": 1
    }  # fmt: skip
    attendance = {ids[a.pop("committee_id")]: a for a in body["seminar_attendance"]}
    assert attendance == {
        "P": {"registered": 3, "present": 2, "seminars_attended": 2},
        "Q": {"registered": 1, "present": 0, "seminars_attended": 0},
    }


def test_a_committee_admin_reads_their_committees_figures(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committees["P"]))
    body = figures(client, pilot)
    assert body["contributions"]["total"] == 3
    assert [y["year"] for y in body["contributions"]["response_times"]] == [2023]
    assert body["candidatures"] == {"proposed": 1, "accepted": 1, "declined": 0, "withdrawn": 0}
    assert [a["committee_id"] for a in body["seminar_attendance"]] == [str(committees["P"].id)]
    # Relays are public: the same for everyone.
    assert body["relays"]["active_committees"] == 2
    # Asked for Q only: nothing of P's, and none of Q's private records either.
    other = figures(client, pilot, committee_id=str(committees["Q"].id))
    assert other["contributions"]["total"] == 0
    assert other["seminar_attendance"] == []
    assert [r["publications_relayed"] for r in other["relays"]["by_committee"]] == [1]


def test_anonymous_callers_get_the_network_under_secrecy(
    client: TestClient, committees: dict[str, Committee]
) -> None:
    body = figures(client, {})
    # Submitted contributions are counted (not people), drafts are not.
    assert body["contributions"]["total"] == 4
    assert body["contributions"]["by_status"]["draft"] == 0
    assert len(body["contributions"]["response_times"]) == 2
    # One candidature in each of three statuses: each is under 11 people.
    assert body["candidatures"] == {
        "proposed": None, "accepted": None, "declined": None, "withdrawn": 0
    }  # fmt: skip
    assert body["suppressed"] == [
        "candidatures.accepted", "candidatures.declined", "candidatures.proposed"
    ]  # fmt: skip
    assert body["seminar_attendance"] == []  # people by committee
    assert body["relays"]["active_committees"] == 2
    for narrowed in ({"committee_id": str(committees["P"].id)}, {"department": "07"}):
        assert_problem(client.get(URL, params=narrowed), 403)


def test_a_member_gets_the_public_view_whatever_their_committee(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    # A member reads no candidature: the same answer as anonymous callers, their own private
    # committee's contribution counted by neither.
    private = make_committee(session, department_codes=["26"], is_public=False)
    make_contribution(
        session, committee=private, status="submitted", dates=_days("2024-02-01"),
        drafted_on="2024-01-15",
    )  # fmt: skip
    member = auth(make_user(session, role=Role.member, committee=private))
    assert figures(client, member) == figures(client, {})


@pytest.mark.usefixtures("committees")
def test_csv_rows_name_their_group(session: Session, client: TestClient) -> None:
    headers = auth(make_user(session, role=Role.network_admin))
    rows = csv_rows(client.get(URL, params={"format": "csv"}, headers=headers))
    found = {(r["figure"], r["group"]): r["value"] for r in rows}
    assert found[("contributions_total", "")] == "5"
    assert found[("contributions_by_kind", "inspiring_practice")] == "1"
    assert found[("contributions_response_times_answer_p90_days", "2023")] == "60"
    assert found[("candidatures", "accepted")] == "1"
    assert found[("relays_active_committees", "")] == "2"
    assert len(found) == len(rows)
