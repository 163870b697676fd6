"""Every operation refuses a query parameter it does not declare (a 422 naming it), and keeps
accepting the ones it declares."""

import re
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import app
from tests.assertions import assert_problem


def _gets() -> list[tuple[str, dict[str, Any]]]:
    """Every GET operation of the app, from its own OpenAPI document."""
    return [
        (path, operation)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]


def _url(path: str) -> str:
    # An unknown parameter is refused before anything looks the path's ids up.
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


GETS = _gets()
LISTS = [(p, op) for p, op in GETS if any(q["name"] == "limit" for q in op.get("parameters", []))]


def test_the_app_has_lists_to_check() -> None:
    assert len(LISTS) >= 30


@pytest.mark.parametrize(("path", "operation"), GETS, ids=[op["operationId"] for _, op in GETS])
def test_an_unknown_query_parameter_is_a_422_naming_it(
    client: TestClient, admin_headers: dict[str, str], path: str, operation: dict[str, Any]
) -> None:
    response = client.get(_url(path), params={"stauts": "active"}, headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert [(e["loc"], e["type"]) for e in body["errors"]] == [
        (["query", "stauts"], "extra_forbidden")
    ]


@pytest.mark.parametrize(("path", "operation"), LISTS, ids=[op["operationId"] for _, op in LISTS])
def test_declared_parameters_are_not_refused(
    client: TestClient, admin_headers: dict[str, str], path: str, operation: dict[str, Any]
) -> None:
    response = client.get(_url(path), params={"limit": 1}, headers=admin_headers)

    assert response.status_code != 422, response.text


def test_an_aliased_parameter_is_declared_under_its_alias(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    # `all` is `all_terms` in Python: the query names the alias.
    url = "/api/v1/hcts/representatives"
    assert client.get(url, params={"all": "true"}, headers=admin_headers).status_code == 200
    response = client.get(url, params={"all_mandates": "true"}, headers=admin_headers)
    assert_problem(response, 422, "validation-error")


def test_every_unknown_parameter_is_named_once(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get("/api/v1/committees?limit=5&x=1&y=2&x=3", headers=admin_headers)

    body = assert_problem(response, 422, "validation-error")
    assert [e["loc"] for e in body["errors"]] == [["query", "x"], ["query", "y"]]


def test_every_operation_documents_the_422() -> None:
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            problem = operation["responses"].get("422")
            assert problem is not None, f"{method} {path}"
            assert "application/problem+json" in problem["content"]
