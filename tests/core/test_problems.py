"""Bad input always gets a clear problem+json answer, never a 500 or a stack trace."""

import re
from collections import defaultdict
from typing import Annotated

import pytest
from fastapi import FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict

from api.core.problems import (
    AppError,
    Conflict,
    InvalidInput,
    NotFound,
    install_problem_handlers,
    json_pointer,
    problem_codes,
)
from api.main import app
from tests.assertions import assert_problem, documented_codes

COMMITTEES = "/api/v1/committees"


def test_unknown_route_is_a_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404, "not-found", code="not_found")


def test_wrong_method_is_a_405_problem(client: TestClient) -> None:
    assert_problem(client.put(COMMITTEES), 405, "method-not-allowed", code="method_not_allowed")


def test_malformed_json_is_a_422_with_the_position(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(
        COMMITTEES,
        content=b'{"name": ',
        headers=admin_headers | {"Content-Type": "application/json"},
    )

    body = assert_problem(response, 422, "validation-error", code="validation_error")
    assert body["errors"][0]["type"] == "json_invalid"
    assert body["errors"][0]["pointer"] == ""  # the whole body: a position is no member


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
def test_a_non_json_body_is_a_415(
    client: TestClient, admin_headers: dict[str, str], content_type: str
) -> None:
    response = client.post(
        COMMITTEES, content=b"name=x", headers=admin_headers | {"Content-Type": content_type}
    )

    assert_problem(response, 415, "unsupported-media-type", code="unsupported_media_type")


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
    assert all(set(e) == {"loc", "pointer", "msg", "type"} for e in body["errors"])


def test_a_bad_path_id_is_a_422(client: TestClient) -> None:
    body = assert_problem(client.get(f"{COMMITTEES}/not-a-uuid"), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["path", "committee_id"]
    assert body["errors"][0]["parameter"] == "committee_id"


def test_unexpected_errors_are_a_generic_500_problem(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr("api.committees.service_list.list_committees", boom)

    body = assert_problem(client.get(COMMITTEES), 500, "internal-error", code="internal_error")
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


# --- codes ----------------------------------------------------------------------------------


def _app_error_classes() -> list[type[AppError]]:
    found, pending = [], [AppError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("api."):
            found.append(cls)
    return found


def test_every_error_class_has_its_own_snake_case_code() -> None:
    classes = _app_error_classes()
    by_code: dict[str, list[str]] = defaultdict(list)
    for cls in classes:
        by_code[cls.code].append(f"{cls.__module__}.{cls.__qualname__}")

    assert len(classes) > 50  # the domains' errors, not only core's
    assert {code: where for code, where in by_code.items() if len(where) > 1} == {}
    assert [c for c in by_code if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", c)] == []


def test_the_openapi_enum_lists_every_code_and_only_those() -> None:
    problem = app.openapi()["components"]["schemas"]["Problem"]

    assert "code" in problem["required"]
    assert problem["properties"]["code"]["$ref"] == "#/components/schemas/ProblemCode"
    assert documented_codes() == {cls.code for cls in _app_error_classes()}
    assert documented_codes() >= {
        "validation_error",  # FastAPI's validation and services' InvalidInput
        "unsupported_media_type",
        "method_not_allowed",
        "not_found",  # no route, as a missing resource
        "internal_error",
        "committee_not_found",
        "illegal_transition",
    }


def test_a_new_error_class_gets_its_code_with_no_registration() -> None:
    class CommitteeHasTeaStains(Conflict):
        pass

    class HTTPThingGone(NotFound):
        pass

    class Teapot(AppError):
        status, title, slug = 418, "I'm a teapot", "teapot"

    class Renamed(Conflict):
        code = "kept_across_renames"

    assert CommitteeHasTeaStains.code == "committee_has_tea_stains"
    assert HTTPThingGone.code == "http_thing_gone"
    assert Teapot.code == "teapot"
    assert Renamed.code == "kept_across_renames"
    # The tests' own classes never reach the document.
    assert "committee_has_tea_stains" not in problem_codes()


def test_a_domain_error_carries_its_own_code(client: TestClient) -> None:
    missing = client.get(f"{COMMITTEES}/00000000-0000-0000-0000-000000000000")

    assert_problem(missing, 404, "not-found", code="committee_not_found")


# --- where a field error is -----------------------------------------------------------------


def test_json_pointers_escape_tilde_and_slash() -> None:
    assert json_pointer([]) == ""
    assert json_pointer(["members", 0, "person_id"]) == "/members/0/person_id"
    assert json_pointer(["a/b", "c~d", "~1"]) == "/a~1b/c~0d/~01"


def test_a_body_error_points_at_its_field(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = {
        "name": "Comité",
        "scale": "departmental",
        "department_codes": ["07", 7],
        "a/b~c": 1,
    }

    problem = assert_problem(client.post(COMMITTEES, json=body, headers=admin_headers), 422)

    pointers = {e["pointer"] for e in problem["errors"]}
    assert pointers == {"/department_codes/1", "/a~1b~0c"}


def test_a_missing_member_is_pointed_at_where_it_belongs(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    problem = assert_problem(
        client.post(COMMITTEES, json={"scale": "departmental"}, headers=admin_headers), 422
    )

    assert {"pointer": "/name", "type": "missing"}.items() <= problem["errors"][0].items()


def test_a_parameter_error_names_the_parameter(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    bad_limit = client.get(COMMITTEES, params={"limit": 0}, headers=admin_headers)
    bad_cursor = client.get(COMMITTEES, params={"cursor": "nope"}, headers=admin_headers)

    assert assert_problem(bad_limit, 422)["errors"][0]["parameter"] == "limit"
    assert assert_problem(bad_cursor, 422, code="invalid_cursor")["errors"] == [
        {
            "loc": ["query", "cursor"],
            "parameter": "cursor",
            "msg": "The cursor is not one this list gave out.",
            "type": "value_error",
        }
    ]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: int
    size: int | list[int] = 0


class _Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    members: list[_Item]


def _tiny_app() -> TestClient:
    """An app with the problem handlers and one route whose body has a list and a union."""
    tiny = FastAPI()
    install_problem_handlers(tiny)

    @tiny.post("/batch")
    def batch(body: _Batch, limit: Annotated[int, Query(ge=1)] = 1) -> None:
        raise InvalidInput("Not this one.", field=["members", 0, "a/b~c"])

    return TestClient(tiny)


def test_pointers_go_through_lists_and_skip_union_members() -> None:
    members = [{"person_id": 1}, {"person_id": "x", "size": [1, "q"]}]

    response = _tiny_app().post("/batch", json={"members": members})

    problem = assert_problem(response, 422)
    assert [(e["loc"][1:], e["pointer"]) for e in problem["errors"]] == [
        (["members", 1, "person_id"], "/members/1/person_id"),
        (["members", 1, "size", "int"], "/members/1/size"),
        (["members", 1, "size", "list[int]", 1], "/members/1/size/1"),
    ]


def test_invalid_input_points_at_its_field() -> None:
    problem = assert_problem(_tiny_app().post("/batch", json={"members": []}), 422)

    assert problem["code"] == "validation_error"
    assert problem["errors"] == [
        {
            "loc": ["body", "members", 0, "a/b~c"],
            "pointer": "/members/0/a~1b~0c",
            "msg": "Not this one.",
            "type": "value_error",
        }
    ]
