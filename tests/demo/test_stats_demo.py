"""The seeds' public timeline, read as an analyst or the dashboard reads it: over HTTP from
`/stats/network`, anonymously, in the network's published scope (api/demo/network.py says
which seed gives each figure)."""

from typing import Any

from fastapi.testclient import TestClient

from api.demo import network
from api.demo.loader import DemoLogin
from api.demo.participation import COPIL_SEATS
from api.people.schemas import PersonCategory

URL = "/api/v1/stats/network"


def committees_on(client: TestClient, day: str) -> Any:
    answer = client.get(URL, params={"as_of": day})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["as_of"], body["scope"]) == (day, "published")
    return body["committees"]


def test_the_seeds_figures_on_their_days(client: TestClient) -> None:
    # 2020 seminar: 13 committees, all active.
    assert committees_on(client, network.SEMINAR_2020.isoformat())["by_status"]["active"] == 13

    # The Ardèche release: 12 active, 8 in construction, Ardèche among them...
    released = committees_on(client, network.AS_RELEASED.isoformat())
    assert released["by_status"]["active"] == 12
    assert released["by_status"]["construction"] == 8
    # ...which went active on its launch day.
    launched = committees_on(client, network.ARDECHE_LAUNCH.isoformat())
    assert launched["by_status"]["active"] == 13
    assert launched["by_status"]["construction"] == 7

    # January 2024: 19 active (4 regional, 15 departmental), 11 territories in reflection.
    counted = committees_on(client, network.FICHE_REPERE_2024.isoformat())
    assert counted["by_status"]["active"] == 19
    assert counted["by_status"]["reflection"] == 11
    by_scale = counted["active_by_scale"]
    assert by_scale["regional"] == 4
    assert by_scale["departmental"] + by_scale["interdepartmental"] == 15
    assert by_scale["local"] == 0

    # The timeline reads the same figures: every 15th, January 2020 to January 2024.
    first, last = network.SEMINAR_2020.isoformat(), network.FICHE_REPERE_2024.isoformat()
    answer = client.get(f"{URL}/timeline", params={"from": first, "to": last})
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert len(items) == 49
    assert items[0]["committees"] == committees_on(client, first)
    assert items[-1]["committees"] == counted

    # Local committees exist then, but only the `all` scope counts them.
    everything = client.get(URL, params={"as_of": last, "scope": "all"}).json()
    assert everything["committees"]["active_by_scale"]["local"] > 0


def test_every_copil_aims_at_a_third_of_people_supported_and_falls_short(
    client: TestClient, logins: list[DemoLogin]
) -> None:
    admin = next(login for login in logins if login.role == "network_admin")
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": admin.email, "password": admin.password},
    ).json()["access_token"]
    answer = client.get(
        "/api/v1/stats/composition",
        params={"scope": "all"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    # One seat in seven goes to a person supported: under a third in any COPIL, and an empty
    # one (Ardèche's, after its move to an agora) is below its target too.
    assert COPIL_SEATS.count(PersonCategory.person_supported) / len(COPIL_SEATS) < 1 / 3
    assert body["bodies_with_targets"] > 10
    assert body["bodies_below_target"] == body["bodies_with_targets"]
    assert {item["body_kind"] for item in body["items"]} == {"copil"}
