from fastapi.testclient import TestClient

from api.territories import service
from tests.assertions import assert_problem


def test_the_cog_has_18_regions_and_101_departements() -> None:
    reference = service.reference()

    assert len(reference.regions) == 18
    assert len(reference.departments) == 101
    assert {d.region_code for d in reference.departments.values()} == set(reference.regions)
    assert "INSEE" in reference.attribution
    assert reference.cog_year >= 2024


def test_endpoints_list_and_read_territories(client: TestClient) -> None:
    regions = client.get("/api/v1/territories/regions").json()
    centre = client.get("/api/v1/territories/departments", params={"region": "24"}).json()
    ardeche = client.get("/api/v1/territories/departments/07").json()

    assert len(regions["items"]) == 18
    assert regions["next_cursor"] is None
    assert {d["code"] for d in centre["items"]} == {"18", "28", "36", "37", "41", "45"}
    assert ardeche == {"code": "07", "name": "Ardèche", "region_code": "84"}
    assert client.get("/api/v1/territories/regions/94").json()["name"] == "Corse"
    assert client.get("/api/v1/territories/departments/2A").json()["region_code"] == "94"


def test_unknown_and_malformed_codes(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/territories/departments/99"), 404, "not-found")
    assert_problem(client.get("/api/v1/territories/regions/00"), 404, "not-found")
    assert_problem(client.get("/api/v1/territories/departments/ABC"), 422, "validation-error")
