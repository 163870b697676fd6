"""Statistical secrecy on `/stats/participation` for callers who read no committee's members,
against counts made by hand, and the recomputation attack: from everything one answer
publishes and every relation between its figures, no hidden count comes back.

The network (P and Q, public, departmental), as of 2025-01-01, meetings of 2024:
- members since 2023-01-01: 14 people supported and 1 student in P, 10 social workers in P and
  10 in Q, 3 managers in Q; 2 more social workers in P left on 2023-06-30.
  So 38 members (3 managers and 1 student: under 11), a cohort of 40 of which 38 stayed (the 2
  who left follow from the two: one of them is hidden).
- m1 (P): present 12 people supported, 15 social workers, 3 managers, 1 student; 2 excused and
  3 absent (social workers). m2 (Q): a headcount of 30 professionals, 4 students and 12 people
  supported, no names.
  So, by headcount group: 30 + 18 professionals, 4 + 1 students, 12 + 12 people supported.
"""

from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.groups import GROUP_OF
from api.meetings.models import Attendance, Headcount, HeadcountLine
from api.meetings.schemas import HeadcountCategory
from api.people.models import Person
from api.people.schemas import PersonCategory
from api.stats.secrecy import Secrecy, Sum
from tests.assertions import assert_problem, csv_rows
from tests.factories import auth, make_committee, make_user, save
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

URL = "/api/v1/stats/participation"
PERIOD = {"as_of": "2025-01-01", "from": "2024-01-01", "to": "2024-12-31"}
SINCE = date(2023, 1, 1)


@pytest.fixture
def committees(session: Session) -> dict[str, Committee]:
    p = make_committee(session, department_codes=["07"])
    q = make_committee(session, department_codes=["33"])

    def members(committee: Committee, category: str, n: int, **term: Any) -> list[Person]:
        people = [make_person(session, category=category) for _ in range(n)]
        for person in people:
            make_membership(session, committee=committee, person=person, start_on=SINCE, **term)
        return people

    supported = members(p, "person_supported", 14)
    (student,) = members(p, "student", 1)
    workers = members(p, "social_worker", 10) + members(q, "social_worker", 10)
    managers = members(q, "manager", 3)
    members(p, "social_worker", 2, end_on=date(2023, 6, 30))

    m1 = make_meeting(session, committee=p, starts_at=datetime(2024, 3, 10, 9, tzinfo=UTC))
    present = supported[:12] + workers[:15] + managers + [student]
    marked = [(person, "present") for person in present] + [
        *((person, "excused") for person in workers[15:17]),
        *((person, "absent") for person in workers[17:20]),
    ]
    for person, status in marked:
        attendance = Attendance(
            meeting_id=m1.id, person_id=person.id, status=status, category=person.category
        )
        save(session, attendance)
    m2 = make_meeting(session, committee=q, starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC))
    save(session, Headcount(meeting_id=m2.id, total=46))
    for group, count in (("professional", 30), ("student", 4), ("person_supported", 12)):
        save(session, HeadcountLine(meeting_id=m2.id, category=group, count=count))
    return {"P": p, "Q": q}


def zeros(keys: Any, **found: Any) -> dict[str, Any]:
    return dict.fromkeys(keys, 0) | found


def anonymous(client: TestClient, **params: str) -> Any:
    answer = client.get(URL, params=PERIOD | params)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.usefixtures("committees")
def test_anonymous_callers_get_the_network_with_small_counts_hidden(client: TestClient) -> None:
    body = anonymous(client)

    assert body["members"] == {
        "total": 38,
        "by_category": zeros(
            PersonCategory, person_supported=14, social_worker=20, manager=None, student=None
        ),
        "share_person_supported": pytest.approx(14 / 38),
        "share_social_worker": pytest.approx(20 / 38),
        "organisations": 0,
        # 40 - 38 = 2 left: the 38 is hidden, and the rate made from it.
        "retention": {"cohort": 40, "stayed": None, "rate": None},
    }
    meetings = body["meetings"]
    assert meetings["meetings"] == 2
    # Present: 12 + 15 + 3 + 1 = 31, and 18 professionals present by name = 15 + 3: shown
    # together they give the student back, so the 31 is hidden too, and the shares of it.
    assert meetings["named"] == {
        "by_status": {"registered": 0, "present": None, "excused": None, "absent": None},
        "present_by_category": zeros(
            PersonCategory, person_supported=12, social_worker=None, manager=None, student=None
        ),
        "attendance_rate": None,
        "share_person_supported": None,
        "share_social_worker": None,
    }
    assert meetings["headcounts"] == {
        "meetings": 1,
        "by_group": zeros(HeadcountCategory, professional=30, student=None, person_supported=12),
    }
    assert meetings["present_by_group"] == zeros(
        HeadcountCategory, professional=48, student=None, person_supported=24
    )
    assert body["suppressed"] == sorted(hidden_paths(body))


@pytest.mark.usefixtures("committees")
def test_no_hidden_count_can_be_recomputed_from_the_answer(client: TestClient) -> None:
    body = anonymous(client)
    published = {path: v for path, v in leaves(body) if isinstance(v, int | float)}
    relations = participation_relations(body)
    unknowns = sorted({c for row in relations for c in row} - published.keys())
    # Each relation as coefficients over the unknowns (what is published moves to the right).
    matrix = [[row.get(c, Fraction(0)) for c in unknowns] for row in relations]

    recoverable = determined(matrix, unknowns)

    assert set(body["suppressed"]) & recoverable == set()
    # Counts never published may follow when not small: the professionals present by name.
    assert recoverable <= {"alone.professional", "alone.person_supported"} | {
        f"alone.{g}" for g in ("elected_official", "resource_person", "volunteer", "other")
    }
    assert "left" not in recoverable
    assert "alone.student" not in recoverable


@pytest.mark.usefixtures("committees")
def test_the_csv_marks_what_is_hidden(client: TestClient) -> None:
    rows = csv_rows(client.get(URL, params=PERIOD | {"format": "csv"}))
    hidden = [(r["figure"], r["group"]) for r in rows if r["suppressed"] == "true"]

    assert len(hidden) == len(anonymous(client)["suppressed"])
    assert ("members_by_category", "student") in hidden
    assert all(r["value"] == "" for r in rows if r["suppressed"] == "true")
    assert {r["value"] for r in rows if r["figure"] == "members_total"} == {"38"}


def test_admins_see_every_count_and_anonymous_callers_no_committee_or_territory(
    session: Session, client: TestClient, committees: dict[str, Committee]
) -> None:
    admin = auth(make_user(session, role=Role.network_admin))
    everything = client.get(URL, params=PERIOD, headers=admin).json()
    assert everything["suppressed"] == []
    assert everything["members"]["by_category"]["student"] == 1
    pilot = auth(make_user(session, role=Role.committee_admin, committee=committees["Q"]))
    own = client.get(URL, params=PERIOD, headers=pilot).json()
    assert (own["suppressed"], own["members"]["by_category"]["manager"]) == ([], 3)
    # A member reads no one's membership: the public view, the same as anonymous callers get;
    # their own committee, private, is counted by neither.
    private = make_committee(session, department_codes=["26"], is_public=False)
    make_membership(session, committee=private, start_on=SINCE)
    member = auth(make_user(session, role=Role.member, committee=private))
    assert client.get(URL, params=PERIOD, headers=member).json() == anonymous(client)

    for narrowed in (
        {"committee_id": str(committees["P"].id)},
        {"region": "84"},
        {"department": "07"},
    ):
        assert_problem(client.get(URL, params=PERIOD | narrowed), 403)
    assert anonymous(client, body_kind="copil")["members"]["total"] == 0


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ({"t": 25, "a": 5, "b": 20}, {"a", "b"}),  # a is small; b = t - a would give it back
        ({"t": 20, "a": 0, "b": 20}, set()),  # zero people is not a small count
        ({"t": 21, "a": 10, "b": 11}, {"a", "b"}),
        ({"t": 22, "a": 11, "b": 11}, set()),
        ({"t": 7, "a": 3, "b": 4}, {"t", "a", "b"}),
    ],
)
def test_a_small_count_and_one_that_would_give_it_back_are_hidden(
    values: dict[str, int], hidden: set[str]
) -> None:
    secrecy = Secrecy(people=("t", "a", "b"), sums=(Sum("t", ("a", "b")),))
    assert secrecy.hidden(values) == hidden


def hidden_paths(body: dict[str, Any]) -> list[str]:
    return [path for path, v in leaves(body) if v is None and path != "group_by"]


def leaves(figures: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(figures, dict):
        return [pair for k, v in figures.items() for pair in leaves(v, f"{prefix}{k}.")]
    return [(prefix.rstrip("."), figures)] if not isinstance(figures, list) else []


def participation_relations(body: dict[str, Any]) -> list[dict[str, Fraction]]:
    """Every relation the answer's documentation states, as `sum(coefficient * cell) = 0`
    with what is published moved out: the unknowns' coefficients only (their values do not
    matter to what can be solved for)."""
    published = {path: v for path, v in leaves(body) if v is not None}

    def relation(*terms: tuple[int | float, str]) -> dict[str, Fraction]:
        return {c: Fraction(k) for k, c in terms if c not in published}

    named = "meetings.named"
    relations = [
        relation((1, "members.total"), *((-1, f"members.by_category.{c}") for c in PersonCategory)),
        relation((1, "members.retention.cohort"), (-1, "members.retention.stayed"), (-1, "left")),
        relation(
            (1, f"{named}.by_status.present"),
            *((-1, f"{named}.present_by_category.{c}") for c in PersonCategory),
        ),
    ]
    for group in HeadcountCategory:
        relations.append(
            relation(
                (1, f"meetings.present_by_group.{group}"),
                (-1, f"meetings.headcounts.by_group.{group}"),
                (-1, f"alone.{group}"),
            )
        )
        # An attacker may assume no meeting has both names and a headcount.
        relations.append(
            relation(
                (1, f"alone.{group}"),
                *(
                    (-1, f"{named}.present_by_category.{c}")
                    for c, g in GROUP_OF.items()
                    if g == group
                ),
            )
        )
    members = "members.by_category"
    shares = [
        ("members.share_person_supported", f"{members}.person_supported", ["members.total"]),
        ("members.share_social_worker", f"{members}.social_worker", ["members.total"]),
        ("members.retention.rate", "members.retention.stayed", ["members.retention.cohort"]),
        (f"{named}.attendance_rate", f"{named}.by_status.present",
         [f"{named}.by_status.{s}" for s in ("present", "excused", "absent")]),
        (f"{named}.share_person_supported", f"{named}.present_by_category.person_supported",
         [f"{named}.by_status.present"]),
        (f"{named}.share_social_worker", f"{named}.present_by_category.social_worker",
         [f"{named}.by_status.present"]),
    ]  # fmt: skip
    for share, part, whole in shares:
        if published.get(share) is not None:
            rate = Fraction(published[share])
            relations.append(relation((1, part), *((-rate, c) for c in whole)))  # type: ignore[arg-type]
    return [r for r in relations if r]


def determined(matrix: list[list[Fraction]], unknowns: list[str]) -> set[str]:
    """The unknowns with one value only: those every solution of `matrix · x = 0` (the null
    space, from the reduced row echelon form) leaves at zero."""
    rows = [list(r) for r in matrix]
    pivots: list[int] = []
    for column in range(len(unknowns)):
        at = next((i for i in range(len(pivots), len(rows)) if rows[i][column] != 0), None)
        if at is None:
            continue
        r = len(pivots)
        rows[r], rows[at] = rows[at], rows[r]
        rows[r] = [v / rows[r][column] for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][column] != 0:
                factor = rows[i][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(column)
    free = [c for c in range(len(unknowns)) if c not in pivots]
    # A pivot unknown is determined when no free unknown moves it.
    return {
        unknowns[column] for r, column in enumerate(pivots) if all(rows[r][f] == 0 for f in free)
    }


def test_a_count_that_follows_from_hidden_ones_alone_leaves_nothing_shown() -> None:
    # Two ways of adding up that disagree (an attacker's assumption may not hold): the rest
    # "follows" whatever is hidden; all that can be done is hide every count, and stop.
    secrecy = Secrecy(people=("t", "a"), sums=(Sum("t", ("a",), rest="r"), Sum("t", ("a",))))
    assert secrecy.hidden({"t": 5, "a": 3}) == {"t", "a"}
