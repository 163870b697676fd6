"""`GET /committees/{id}/work-programmes?as_of=D`: the programmes drafted by day D, with the
status they had then, from their transitions."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.core.clock import today
from tests.assertions import item_ids
from tests.factories import auth, make_committee, make_user
from tests.programmes.factories import make_programme, move_programme


def test_a_programme_s_status_on_a_past_day_is_read_from_its_transitions(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    headers = auth(make_user(session, role=Role.committee_admin, committee=committee))
    first = make_programme(
        session, committee=committee, drafted_on=date(2020, 9, 1), period_start=date(2021, 1, 1)
    )
    move_programme(
        session,
        first,
        ("proposed", date(2020, 11, 1)),
        ("validated", date(2021, 1, 15)),
        ("in_progress", date(2021, 2, 1)),
    )
    second = make_programme(session, committee=committee, drafted_on=date(2022, 3, 1))
    move_programme(session, second, ("proposed", date(2022, 4, 1)), ("validated", date(2022, 5, 1)))
    url = f"/api/v1/committees/{committee.id}/work-programmes"

    def listed(**params: str) -> list[tuple[str, str]]:
        page = client.get(url, params=params, headers=headers)
        return [(p["id"], p["status"]) for p in page.json()["items"]]

    assert listed(as_of="2021-01-20", status="validated") == [(str(first.id), "validated")]
    assert listed(status="validated") == [(str(second.id), "validated")]
    # Not drafted yet on that day: not listed.
    assert listed(as_of="2021-01-20") == [(str(first.id), "validated")]
    assert listed(as_of="2020-08-31") == []
    assert listed(as_of="2022-03-01") == [(str(first.id), "in_progress"), (str(second.id), "draft")]
    assert listed(as_of=today().isoformat()) == listed()


def test_who_may_read_a_programme_still_follows_today_s_status(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    published = make_programme(session, committee=committee, drafted_on=date(2021, 1, 1))
    move_programme(
        session, published, ("proposed", date(2021, 2, 1)), ("validated", date(2021, 3, 1))
    )
    draft = make_programme(session, committee=committee, drafted_on=date(2021, 1, 1))
    url = f"/api/v1/committees/{committee.id}/work-programmes"

    anonymous = client.get(url, params={"as_of": "2021-02-15"})

    assert item_ids(anonymous) == [str(published.id)]
    assert anonymous.json()["items"][0]["status"] == "proposed"
    assert str(draft.id) not in item_ids(anonymous)
