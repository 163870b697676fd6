"""Bad input always gets a clear problem+json answer, never a 500 or a stack trace."""

import pytest
from fastapi.testclient import TestClient

from tests.assertions import assert_problem

COMMITTEES = "/api/v1/committees"


def test_unknown_route_is_a_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404, "not-found")


def test_wrong_method_is_a_405_problem(client: TestClient) -> None:
    assert_problem(client.put(COMMITTEES), 405, "method-not-allowed")


def test_malformed_json_is_a_422_with_the_position(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(
        COMMITTEES,
        content=b'{"name": ',
        headers=admin_headers | {"Content-Type": "application/json"},
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["type"] == "json_invalid"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
def test_a_non_json_body_is_a_415(
    client: TestClient, admin_headers: dict[str, str], content_type: str
) -> None:
    response = client.post(
        COMMITTEES, content=b"name=x", headers=admin_headers | {"Content-Type": content_type}
    )

    assert_problem(response, 415, "unsupported-media-type")


def test_validation_errors_name_fields_and_never_echo_input(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(
        COMMITTEES,
        json={"name": "x" * 201, "scale": "departmental", "secret_field": "hunter2"},
        headers=admin_headers,
    )

    body = assert_problem(response, 422, "validation-error")
    locations = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "name") in locations
    assert ("body", "secret_field") in locations
    assert "hunter2" not in response.text
    assert all(set(e) == {"loc", "msg", "type"} for e in body["errors"])


def test_a_bad_path_id_is_a_422(client: TestClient) -> None:
    body = assert_problem(client.get(f"{COMMITTEES}/not-a-uuid"), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["path", "committee_id"]


def test_unexpected_errors_are_a_generic_500_problem(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr("api.committees.service.list_committees", boom)

    body = assert_problem(client.get(COMMITTEES), 500, "internal-error")
    assert "internal detail" not in body["detail"]
    assert "Traceback" not in client.get(COMMITTEES).text


def test_nul_characters_are_refused_in_bodies_and_queries(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = {"name": "Comité\x00", "scale": "departmental", "department_codes": ["07"]}

    in_body = client.post(COMMITTEES, json=body, headers=admin_headers)
    in_query = client.get(COMMITTEES, params={"q": "a\x00b"}, headers=admin_headers)

    assert_problem(in_body, 422, "validation-error")
    assert in_query.status_code in (200, 422), in_query.text
