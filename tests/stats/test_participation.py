"""`/stats/participation` against counts made by hand (as of 2025-01-01, meetings of 2024).

Members (P and Q departmental; P has a COPIL):
- a, person supported (organisation O1): in P's COPIL since 2023-01-01.
- b, social worker (O1): in P from 2023-01-01 to 2023-06-30.
- c, social worker (O2): in P since 2024-06-01.
- d, manager: in Q for 2022, then again from 2023-01-01.
- e, person supported: in P and in Q since 2023-03-01 (one person, counted once).
Meetings: m1 (P, March 2024) a and c present, b absent, e excused, f registered; m2 (P, May
2024) a headcount of 10 professionals and 3 people supported, a present by name too; m3 (Q,
September 2024) d present; m4 (P, December 2023) out of the period.
"""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Attendance, Headcount, HeadcountLine
from tests.assertions import assert_problem, csv_rows
from tests.bodies.factories import make_body
from tests.factories import auth, make_committee, make_user, save
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_membership
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person

URL = "/api/v1/stats/participation"
PERIOD = {"as_of": "2025-01-01", "from": "2024-01-01", "to": "2024-12-31"}


@pytest.fixture
def committees(session: Session) -> dict[str, Committee]:
    p = make_committee(session, department_codes=["07"])
    q = make_committee(session, department_codes=["33"])
    copil = make_body(session, committee=p)
    o1, o2 = make_organisation(session), make_organisation(session)
    a = make_person(session, category="person_supported", organisation_id=str(o1.id))
    b = make_person(session, category="social_worker", organisation_id=str(o1.id))
    c = make_person(session, category="social_worker", organisation_id=str(o2.id))
    d = make_person(session, category="manager")
    e = make_person(session, category="person_supported")
    f = make_person(session, category="student")
    y2023 = date(2023, 1, 1)
    make_membership(session, committee=p, person=a, start_on=y2023, body_id=str(copil.id))
    make_membership(session, committee=p, person=b, start_on=y2023, end_on=date(2023, 6, 30))
    make_membership(session, committee=p, person=c, start_on=date(2024, 6, 1))
    make_membership(
        session, committee=q, person=d, start_on=date(2022, 1, 1), end_on=date(2022, 12, 31)
    )
    make_membership(session, committee=q, person=d, start_on=y2023)
    make_membership(session, committee=p, person=e, start_on=date(2023, 3, 1))
    make_membership(session, committee=q, person=e, start_on=date(2023, 3, 1))

    def meeting(committee: Committee, day: date, *present: Any, **others: Any) -> Any:
        m = make_meeting(
            session,
            committee=committee,
            starts_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        )
        for person in present:
            save(
                session,
                Attendance(
                    meeting_id=m.id, person_id=person.id, status="present", category=person.category
                ),
            )
        for status, person in others.items():
            save(
                session,
                Attendance(
                    meeting_id=m.id, person_id=person.id, status=status, category=person.category
                ),
            )
        return m

    meeting(p, date(2024, 3, 10), a, c, absent=b, excused=e, registered=f)
    m2 = meeting(p, date(2024, 5, 1), a)
    save(session, Headcount(meeting_id=m2.id, total=13))
    save(session, HeadcountLine(meeting_id=m2.id, category="professional", count=10))
    save(session, HeadcountLine(meeting_id=m2.id, category="person_supported", count=3))
    meeting(q, date(2024, 9, 1), d)
    meeting(p, date(2023, 12, 31), a)
    return {"P": p, "Q": q}  # fmt: skip


def zeros(keys: str, **found: int) -> dict[str, int]:
    return dict.fromkeys(keys.split(), 0) | found


CATEGORIES = (
    "person_supported social_worker manager elected_official student volunteer "
    "trainer_researcher institutional_partner other"
)
GROUPS = "professional student elected_official resource_person person_supported volunteer other"


def figures(client: TestClient, headers: dict[str, str], **params: str) -> Any:
    answer = client.get(URL, params=PERIOD | params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.usefixtures("committees")
def test_a_network_admin_counts_members_and_attendance(
    session: Session, client: TestClient
) -> None:
    body = figures(client, auth(make_user(session, role=Role.network_admin)))
    assert (body["period_start"], body["period_end"]) == ("2024-01-01", "2024-12-31")
    assert body["members"] == {
        "total": 4,
        "by_category": zeros(CATEGORIES, person_supported=2, social_worker=1, manager=1),
        "share_person_supported": 0.5,
        "share_social_worker": 0.25,
        "organisations": 2,
        # a, b, d and e began a year or more before; b left within the year.
        "retention": {"cohort": 4, "stayed": 3, "rate": 0.75},
    }
    meetings = body["meetings"]
    assert meetings["meetings"] == 3
    assert meetings["named"] == {
        "by_status": {"registered": 1, "present": 4, "excused": 1, "absent": 1},
        "present_by_category": zeros(CATEGORIES, person_supported=2, social_worker=1, manager=1),
        "attendance_rate": pytest.approx(4 / 6),
        "share_person_supported": 0.5,
        "share_social_worker": 0.25,
    }
    assert meetings["headcounts"] == {
        "meetings": 1, "by_group": zeros(GROUPS, professional=10, person_supported=3)
    }  # fmt: skip
    # m2 by its headcount; m1 and m3 by name: a supported, c and d professionals.
    assert meetings["present_by_group"] == zeros(GROUPS, professional=12, person_supported=4)


def test_a_committee_admin_counts_their_committee_and_a_body_kind_narrows(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committees["P"]))
    body = figures(client, pilot)
    assert body["members"]["by_category"] == zeros(CATEGORIES, person_supported=2, social_worker=1)
    assert body["meetings"]["meetings"] == 2
    copil = figures(client, pilot, body_kind="copil")
    assert copil["members"]["total"] == 1
    assert copil["meetings"]["meetings"] == 0
    # A member reads no one's membership: the network's figures, under statistical secrecy.
    member = auth(make_user(session, role=Role.member, committee=committees["P"]))
    public = figures(client, member)
    assert public["members"]["total"] is None
    assert "members.total" in public["suppressed"]
    assert body["suppressed"] == copil["suppressed"] == []


def test_bad_periods(session: Session, client: TestClient) -> None:
    headers = auth(make_user(session, role=Role.network_admin))
    bad = client.get(URL, params={"from": "2024-02-01", "to": "2024-01-01"}, headers=headers)
    assert [e["parameter"] for e in assert_problem(bad, 422)["errors"]] == ["to"]


@pytest.mark.usefixtures("committees")
def test_csv(session: Session, client: TestClient) -> None:
    headers = auth(make_user(session, role=Role.network_admin))
    rows = csv_rows(client.get(URL, params=PERIOD | {"format": "csv"}, headers=headers))
    found = {(r["figure"], r["group"]): r["value"] for r in rows}
    assert {r["suppressed"] for r in rows} == {"false"}
    assert found[("members_by_category", "person_supported")] == "2"
    assert found[("members_retention", "rate")] == "0.75"
    assert found[("meetings_present_by_group", "professional")] == "12"
    assert found[("period_start", "")] == "2024-01-01"


Shares = tuple[float | None, float | None]


def row(
    group: str,
    members: int | None,
    meetings: int | None,
    present: int,
    recorded: int,
    shares: Shares = (None, None),
    present_shares: Shares = (None, None),
) -> dict[str, Any]:
    return {
        "group": group, "members": members, "share_person_supported": shares[0],
        "share_social_worker": shares[1], "meetings": meetings, "present": present,
        "recorded": recorded, "attendance_rate": present / recorded if recorded else None,
        "present_share_person_supported": present_shares[0],
        "present_share_social_worker": present_shares[1],
    }  # fmt: skip


def test_groups_by_committee_month_category_and_body_kind(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    admin = auth(make_user(session, role=Role.network_admin))
    p, q = str(committees["P"].id), str(committees["Q"].id)

    by_committee = figures(client, admin, group_by="committee")
    assert by_committee["group_by"] == "committee"
    # P: a, c, e on the day; m1 (a, c present, b absent, e excused) and m2 (a present).
    # Q: d and e; m3 (d present).
    assert sorted(by_committee["groups"], key=lambda g: g["group"]) == sorted(
        [
            row(p, 3, 2, 3, 5, (2 / 3, 1 / 3), (2 / 3, 1 / 3)),
            row(q, 2, 1, 1, 1, (0.5, 0.0), (0.0, 0.0)),
        ],
        key=lambda g: g["group"],
    )
    # Months with a meeting; f, only registered, is not recorded.
    assert figures(client, admin, group_by="month")["groups"] == [
        row("2024-03", None, 1, 2, 4, present_shares=(0.5, 0.5)),
        row("2024-05", None, 1, 1, 1, present_shares=(1.0, 0.0)),
        row("2024-09", None, 1, 1, 1, present_shares=(0.0, 0.0)),
    ]
    # By meeting (held in the period): m1, m2 and m3, each with its attendance rate.
    by_meeting = figures(client, admin, group_by="meeting")["groups"]
    assert sorted((g["meetings"], g["present"], g["recorded"]) for g in by_meeting) == [
        (1, 1, 1), (1, 1, 1), (1, 2, 4)
    ]  # fmt: skip
    assert {g["members"] for g in by_meeting} == {None}
    # By category: members and named attendance of each; f, a student, was registered only.
    by_category = {g["group"]: g for g in figures(client, admin, group_by="category")["groups"]}
    assert by_category.keys() == {"person_supported", "social_worker", "manager", "student"}
    assert by_category["person_supported"] == row(
        "person_supported", 2, None, 2, 3, (1.0, 0.0), (1.0, 0.0)
    )
    assert (by_category["social_worker"]["present"], by_category["social_worker"]["recorded"]) == (
        1, 2
    )  # fmt: skip
    assert (by_category["student"]["members"], by_category["student"]["recorded"]) == (0, 0)
    # Only a's term is in a body (P's COPIL); no meeting is.
    assert figures(client, admin, group_by="body_kind")["groups"] == [
        row("copil", 1, 0, 0, 0, (1.0, 0.0))
    ]
    assert figures(client, admin)["groups"] == []


def test_breakdowns_need_a_reader_of_the_members(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    assert_problem(client.get(URL, params=PERIOD | {"group_by": "month"}), 403)
    member = auth(make_user(session, role=Role.member, committee=committees["P"]))
    assert_problem(client.get(URL, params=PERIOD | {"group_by": "category"}, headers=member), 403)
    admin = auth(make_user(session, role=Role.network_admin))
    assert_problem(client.get(URL, params={"group_by": "week"}, headers=admin), 422)


def test_months_are_paris_months(session: Session, client: TestClient) -> None:
    committee = make_committee(session)
    person = make_person(session)
    # 23:30 UTC on 31 March 2024 is already 1 April in Paris.
    late = make_meeting(
        session, committee=committee, starts_at=datetime(2024, 3, 31, 23, 30, tzinfo=UTC)
    )
    save(
        session,
        Attendance(meeting_id=late.id, person_id=person.id, status="present", category="other"),
    )
    admin = auth(make_user(session, role=Role.network_admin))
    groups = figures(client, admin, group_by="month")["groups"]
    assert [(g["group"], g["meetings"], g["present"]) for g in groups] == [("2024-04", 1, 1)]
