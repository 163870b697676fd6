"""`GET /committees?as_of=D`: the committees that existed on day D, with the status they had
then, from their status history."""

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.core.clock import today
from tests.assertions import assert_problem, item_ids
from tests.factories import make_committee, move_committee

URL = "/api/v1/committees"


def _history(session: Session) -> dict[str, str]:
    """Three committees: active from 2019 and closed in 2022; created in 2023; dormant in 2020
    and active again since 2021."""
    closed = make_committee(session, name="A clos", status_since=date(2018, 5, 1))
    move_committee(
        session,
        closed,
        ("construction", date(2018, 9, 1)),
        ("active", date(2019, 6, 1)),
        ("closed", date(2022, 2, 1)),
    )
    recent = make_committee(session, name="B récent", status_since=date(2023, 4, 1))
    move_committee(
        session, recent, ("construction", date(2023, 5, 1)), ("active", date(2023, 9, 1))
    )
    relaunched = make_committee(session, name="C relancé", status_since=date(2017, 1, 1))
    move_committee(
        session,
        relaunched,
        ("construction", date(2017, 2, 1)),
        ("active", date(2017, 3, 1)),
        ("dormant", date(2019, 12, 1)),
        ("active", date(2021, 1, 10)),
    )
    return {"closed": str(closed.id), "recent": str(recent.id), "relaunched": str(relaunched.id)}


def test_active_on_a_past_day_is_read_from_the_history(
    session: Session, client: TestClient
) -> None:
    ids = _history(session)

    then = client.get(URL, params={"as_of": "2020-01-15", "status": "active"})
    now = client.get(URL, params={"status": "active"})

    assert item_ids(then) == [ids["closed"]]
    assert item_ids(now) == [ids["recent"], ids["relaunched"]]


def test_the_page_shows_the_status_of_that_day(session: Session, client: TestClient) -> None:
    ids = _history(session)

    page = client.get(URL, params={"as_of": "2020-01-15"})

    shown = {c["id"]: (c["status"], c["status_since"]) for c in page.json()["items"]}
    assert shown == {
        ids["closed"]: ("active", "2019-06-01"),
        ids["relaunched"]: ("dormant", "2019-12-01"),
    }


def test_a_committee_created_later_is_not_listed(session: Session, client: TestClient) -> None:
    ids = _history(session)

    listed = item_ids(client.get(URL, params={"as_of": "2020-01-15", "limit": 500}))

    assert ids["recent"] not in listed
    assert ids["recent"] in item_ids(client.get(URL, params={"as_of": "2023-04-01"}))
    assert ids["recent"] not in item_ids(client.get(URL, params={"as_of": "2023-03-31"}))


def test_a_change_takes_effect_on_its_own_day(session: Session, client: TestClient) -> None:
    ids = _history(session)

    on_the_eve = client.get(URL, params={"as_of": "2022-01-31", "status": "closed"})
    on_the_day = client.get(URL, params={"as_of": "2022-02-01", "status": "closed"})

    assert item_ids(on_the_eve) == []
    assert item_ids(on_the_day) == [ids["closed"]]


def test_today_and_later_answer_as_without_as_of(session: Session, client: TestClient) -> None:
    _history(session)
    plain = client.get(URL).json()

    for day in (today(), today() + timedelta(days=400)):
        assert client.get(URL, params={"as_of": day.isoformat()}).json() == plain


def test_as_of_keeps_the_other_filters_and_visibility(session: Session, client: TestClient) -> None:
    ids = _history(session)
    hidden = make_committee(session, name="D privé", is_public=False, status_since=date(2019, 1, 1))

    page = client.get(URL, params={"as_of": "2020-01-15", "q": "relanc"})

    assert item_ids(page) == [ids["relaunched"]]
    assert str(hidden.id) not in item_ids(client.get(URL, params={"as_of": "2020-01-15"}))


def test_the_cursor_walk_works_as_of_a_day(session: Session, client: TestClient) -> None:
    ids = _history(session)

    first = client.get(URL, params={"as_of": "2020-01-15", "limit": 1}).json()
    second = client.get(
        URL, params={"as_of": "2020-01-15", "limit": 1, "cursor": first["next_cursor"]}
    ).json()

    assert [c["id"] for c in first["items"] + second["items"]] == [
        ids["closed"],
        ids["relaunched"],
    ]


def test_as_of_must_be_a_date(client: TestClient) -> None:
    body = assert_problem(client.get(URL, params={"as_of": "15/01/2020"}), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "as_of"]
