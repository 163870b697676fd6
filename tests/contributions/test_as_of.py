"""`GET /contributions?as_of=D`: the contributions drafted by day D, as they stood then."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.core.clock import today
from tests.assertions import item_ids
from tests.contributions.factories import make_contribution
from tests.factories import make_committee

URL = "/api/v1/contributions"


def test_a_contribution_on_a_past_day_is_read_from_its_transitions(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    answered = make_contribution(
        session,
        committee=committee,
        status="answered",
        drafted_on="2021-01-05",
        dates=[date(2021, 2, 1), date(2021, 3, 1), date(2021, 6, 1)],
    )
    later = make_contribution(
        session,
        committee=committee,
        status="submitted",
        drafted_on="2022-01-10",
        dates=[date(2022, 2, 1)],
    )

    def get(**params: str) -> list[dict[str, object]]:
        page = client.get(URL, params=params, headers=admin_headers)
        assert page.status_code == 200, page.text
        return list(page.json()["items"])

    then = get(as_of="2021-04-01", status="acknowledged")
    assert [c["id"] for c in then] == [str(answered.id)]
    assert {k: then[0][k] for k in ("status", "status_since", "response", "closed_on")} == {
        "status": "acknowledged",
        "status_since": "2021-03-01",
        "response": None,
        "closed_on": None,
    }
    assert (then[0]["drafted_on"], then[0]["acknowledged_on"]) == ("2021-01-05", "2021-03-01")
    assert get(status="acknowledged") == []
    # Drafted after that day: not listed.
    assert [c["id"] for c in get(as_of="2021-04-01")] == [str(answered.id)]
    assert get(as_of="2021-01-04") == []
    on_the_day = get(as_of="2021-06-01", status="answered")
    assert [(c["id"], c["response"]) for c in on_the_day] == [
        (str(answered.id), "Réponse du HCTS.")
    ]
    both = item_ids(client.get(URL, params={"as_of": "2022-03-01"}, headers=admin_headers))
    assert sorted(both) == sorted([str(later.id), str(answered.id)])
    assert get(as_of=today().isoformat()) == get()
