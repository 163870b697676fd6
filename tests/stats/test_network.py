"""`/stats/network` and its timeline against figures computed by hand on a small network.

The network (regions: 76 Occitanie, 84 Auvergne-Rhône-Alpes, 24 Centre-Val de Loire, 75
Nouvelle-Aquitaine):
- A regional, region 76: reflection 2018-01-01, construction 2019-01-01, active 2020-01-01.
- B departmental, 07 (84): reflection 2019-03-01, construction 2019-06-01, active 2021-03-31.
- C interdepartmental, 37 + 41 (both 24): reflection 2018-06-01, construction 2018-09-01,
  active 2019-09-01, dormant 2022-01-01.
- D local, 65 (76): reflection 2019-01-01, construction 2019-02-01, active 2019-05-01.
- E departmental, 26 (84), private: reflection 2020-06-01, construction 2020-07-01, active
  2021-01-01.
- G interdepartmental, 12 (76) + 15 (84): reflection 2017-01-01, construction 2017-06-01,
  active 2018-01-01, closed 2023-01-01.
- H departmental, 33 (75): reflection 2024-01-01, construction and active both 2024-03-01.
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.committees.models import Committee
from tests.assertions import assert_problem, csv_rows
from tests.factories import auth, make_committee, make_user, move_committee

URL = "/api/v1/stats/network"
TIMELINE = "/api/v1/stats/network/timeline"


def _committee(session: Session, since: str, *steps: tuple[str, str], **fields: Any) -> Committee:
    committee = make_committee(session, status_since=date.fromisoformat(since), **fields)
    move_committee(session, committee, *((s, date.fromisoformat(d)) for s, d in steps))
    return committee


@pytest.fixture
def network(session: Session) -> dict[str, Committee]:
    c = "construction"
    return {
        "A": _committee(
            session, "2018-01-01", (c, "2019-01-01"), ("active", "2020-01-01"),
            scale="regional", region_codes=["76"], department_codes=[],
        ),
        "B": _committee(
            session, "2019-03-01", (c, "2019-06-01"), ("active", "2021-03-31"),
            department_codes=["07"],
        ),
        "C": _committee(
            session, "2018-06-01", (c, "2018-09-01"), ("active", "2019-09-01"),
            ("dormant", "2022-01-01"),
            scale="interdepartmental", department_codes=["37", "41"],
        ),
        "D": _committee(
            session, "2019-01-01", (c, "2019-02-01"), ("active", "2019-05-01"),
            scale="local", department_codes=["65"],
        ),
        "E": _committee(
            session, "2020-06-01", (c, "2020-07-01"), ("active", "2021-01-01"),
            department_codes=["26"], is_public=False,
        ),
        "G": _committee(
            session, "2017-01-01", (c, "2017-06-01"), ("active", "2018-01-01"),
            ("closed", "2023-01-01"),
            scale="interdepartmental", department_codes=["12", "15"],
        ),
        "H": _committee(
            session, "2024-01-01", (c, "2024-03-01"), ("active", "2024-03-01"),
            department_codes=["33"],
        ),
    }  # fmt: skip


@pytest.fixture
def admin_headers(session: Session) -> dict[str, str]:
    return auth(make_user(session, role=Role.network_admin))


def statuses(**counts: int) -> dict[str, int]:
    return {s: 0 for s in ("reflection", "construction", "active", "dormant", "closed")} | counts


def scales(**counts: int) -> dict[str, int]:
    return {s: 0 for s in ("regional", "departmental", "interdepartmental", "local")} | counts


def regions(client: TestClient, **counts: int) -> dict[str, int]:
    every = [r["code"] for r in client.get("/api/v1/territories/regions").json()["items"]]
    return {code: counts.get(f"r{code}", 0) for code in every}


def figures(client: TestClient, headers: dict[str, str] | None = None, **params: str) -> Any:
    answer = client.get(URL, params=params, headers=headers or {})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.usefixtures("network")
def test_published_figures_on_a_day_count_what_each_history_said_then(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = figures(client, admin_headers, as_of="2020-06-15")
    assert body == {
        "as_of": "2020-06-15",
        "scope": "published",
        "committees": {
            # A, B, C, E, G; D is local, H did not exist yet.
            "total": 5,
            "by_status": statuses(reflection=1, construction=1, active=3),
            "active_by_scale": scales(regional=1, interdepartmental=2),
            # G covers a département in each of 76 and 84: it counts in both, once.
            "active_by_region": regions(client, r76=2, r24=1, r84=1),
        },
        # C's 37 and 41, G's 12 and 15; A names its region only.
        "departments_covered": 4,
    }


@pytest.mark.usefixtures("network")
def test_scope_all_counts_local_committees_too(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = figures(client, admin_headers, as_of="2020-06-15", scope="all")
    assert body["scope"] == "all"
    assert body["committees"] == {
        "total": 6,
        "by_status": statuses(reflection=1, construction=1, active=4),
        "active_by_scale": scales(regional=1, interdepartmental=2, local=1),
        "active_by_region": regions(client, r76=3, r24=1, r84=1),
    }
    assert body["departments_covered"] == 5


@pytest.mark.usefixtures("network")
def test_later_steps_dormant_closed_and_two_steps_on_one_day(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    on = figures(client, admin_headers, as_of="2024-03-01")["committees"]
    # H moved to construction and then to active on 2024-03-01: the last step holds.
    assert on["by_status"] == statuses(active=4, dormant=1, closed=1)
    assert on["active_by_scale"] == scales(regional=1, departmental=3)
    assert on["active_by_region"] == regions(client, r76=1, r84=2, r75=1)
    before = figures(client, admin_headers, as_of="2024-02-29")
    # The day before, H was still in reflection.
    assert before["committees"]["by_status"] == statuses(
        active=3, reflection=1, dormant=1, closed=1
    )
    assert before["departments_covered"] == 2  # 07 and 26


@pytest.mark.usefixtures("network")
def test_a_day_before_any_history_counts_nothing(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = figures(client, admin_headers, as_of="2016-12-31")
    assert body["committees"]["total"] == 0
    assert body["committees"]["by_status"] == statuses()
    assert set(body["committees"]["active_by_region"].values()) == {0}
    assert body["departments_covered"] == 0


def test_callers_count_the_committees_they_may_see(
    session: Session,
    client: TestClient,
    network: dict[str, Committee],
    admin_headers: dict[str, str],
) -> None:
    # E is private: anonymous callers and other committees' admins do not count it.
    anonymous = figures(client, as_of="2021-06-01")["committees"]
    assert anonymous["total"] == 4
    assert anonymous["by_status"] == statuses(active=4)
    own_admin = auth(make_user(session, role=Role.committee_admin, committee=network["E"]))
    other_admin = auth(make_user(session, role=Role.committee_admin, committee=network["B"]))
    assert figures(client, own_admin, as_of="2021-06-01")["committees"]["total"] == 5
    assert figures(client, other_admin, as_of="2021-06-01")["committees"] == anonymous
    assert figures(client, admin_headers, as_of="2021-06-01")["committees"]["total"] == 5


@pytest.mark.usefixtures("network")
def test_the_timeline_is_the_figures_of_each_of_its_days(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    answer = client.get(
        TIMELINE, params={"from": "2020-01-31", "to": "2020-05-30", "step": "month"},
        headers=admin_headers,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["scope"], body["step"]) == ("published", "month")
    days = [item["as_of"] for item in body["items"]]
    # A month after the 31st is the month's last day; the 30th of May is past the last step.
    assert days == ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"]
    for item in body["items"]:
        assert item == figures(client, admin_headers, as_of=item["as_of"])


@pytest.mark.usefixtures("network")
def test_the_timeline_by_quarter_and_by_default(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    params = {"from": "2019-11-30", "to": "2020-06-01", "step": "quarter", "scope": "all"}
    quarters = client.get(TIMELINE, params=params, headers=admin_headers).json()
    assert [i["as_of"] for i in quarters["items"]] == ["2019-11-30", "2020-02-29", "2020-05-30"]
    assert {i["scope"] for i in quarters["items"]} == {"all"}
    assert [i["committees"]["active_by_scale"]["local"] for i in quarters["items"]] == [1, 1, 1]
    # By default: twelve months up to today, thirteen days.
    default = client.get(TIMELINE).json()
    assert len(default["items"]) == 13
    assert default["items"][-1]["as_of"] == client.get(URL).json()["as_of"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"from": "2021-01-01", "to": "2020-01-01"}, "to"),
        ({"from": "1900-01-01", "to": "2100-01-01"}, "step"),
        ({"from": "2021-02-30"}, "from"),
        ({"step": "week"}, "step"),
        ({"scope": "everything"}, "scope"),
        ({"format": "xml"}, "format"),
    ],
)
def test_bad_series_are_422_naming_the_parameter(
    client: TestClient, params: dict[str, str], parameter: str
) -> None:
    body = assert_problem(client.get(TIMELINE, params=params), 422)
    assert [e["parameter"] for e in body["errors"]] == [parameter]


@pytest.mark.usefixtures("network")
def test_csv_holds_the_json_figures_one_row_per_day(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    answer = client.get(URL, params={"as_of": "2020-06-15", "format": "csv"}, headers=admin_headers)
    (row,) = csv_rows(answer)
    assert answer.headers["content-disposition"] == (
        'attachment; filename="ancrage-network-2020-06-15.csv"'
    )
    body = figures(client, admin_headers, as_of="2020-06-15")
    committees = body["committees"]
    expected = {
        "as_of": "2020-06-15", "scope": "published", "total": committees["total"],
        **committees["by_status"],
        **{f"active_{k}": v for k, v in committees["active_by_scale"].items()},
        **{f"active_region_{k}": v for k, v in sorted(committees["active_by_region"].items())},
        "departments_covered": body["departments_covered"],
    }  # fmt: skip
    assert list(row) == list(expected)
    assert row == {k: str(v) for k, v in expected.items()}

    by_accept = client.get(
        TIMELINE, params={"from": "2020-01-31", "to": "2020-03-31"},
        headers=admin_headers | {"Accept": "text/csv"},
    )  # fmt: skip
    assert [r["as_of"] for r in csv_rows(by_accept)] == ["2020-01-31", "2020-02-29", "2020-03-31"]
    assert "2020-01-31-2020-03-31.csv" in by_accept.headers["content-disposition"]
    # An explicit format wins over Accept.
    json_anyway = client.get(URL, params={"format": "json"}, headers={"Accept": "text/csv"})
    assert json_anyway.headers["content-type"] == "application/json"
