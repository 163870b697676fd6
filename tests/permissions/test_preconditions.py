"""Preconditions on every route that reads `If-Match` (found in the app), validation first.

With a stale ETag a route answers 412; a PATCH or a DELETE without one, 428 (every PATCH and
DELETE reads it, but those of rows without a version, listed here); with a body at fault, the
body's 422 whatever the ETag, whether the schema refuses it or a service rule does (the
contract: "a body's 422 comes before either"). The routes and their valid requests are the
permission matrix's rows."""

import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from api.auth.models import RoleGrant
from api.core import etags
from api.core.models import Versioned
from api.core.problems import PreconditionRequired
from api.inbox.models import InboxRead
from api.main import app
from api.meetings.models import Attendance, Decision
from api.programmes.models import Measurement
from tests.assertions import assert_problem
from tests.permissions.world import Row, World, matrix_rows

ROWS = {(row.method, row.path): row for row in matrix_rows()}
STALE = {"If-Match": '"999999"'}
ANY = {"If-Match": etags.ANY}
FUTURE = "2100-01-01"  # a valid date, but no step of a lifecycle is dated in the future


def _unknown() -> str:
    return str(uuid.uuid4())


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _guarded_routes() -> list[tuple[str, str, bool]]:
    """(method, path, takes a body) of every route reading `If-Match`."""
    found = []
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue
        each = list(_dependants(dependant))
        if any(p.alias == "If-Match" for d in each for p in d.header_params):
            body = any(d.body_params for d in each)
            found += [(method, route.path, body) for method in sorted(route.methods)]
    return found


GUARDED = _guarded_routes()
WITH_BODY = [(method, path) for method, path, body in GUARDED if body]
_V = "/api/v1"
EDITS = [(method, path) for method, path, _ in GUARDED if method in ("PATCH", "DELETE")]

# The PATCH and DELETE routes that take no `If-Match`, and the row each removes: it has no
# version, so no ETag to match (a link, a mark, a line of a list). A new one must be listed.
UNVERSIONED = {
    ("DELETE", f"{_V}/users/{{user_id}}/grants/{{grant_id}}"): RoleGrant,
    ("DELETE", f"{_V}/meetings/{{meeting_id}}/decisions/{{decision_id}}"): Decision,
    ("DELETE", f"{_V}/meetings/{{meeting_id}}/attendance/{{person_id}}"): Attendance,
    ("DELETE", f"{_V}/indicators/{{indicator_id}}/measurements/{{measurement_id}}"): Measurement,
    ("DELETE", f"{_V}/committees/{{committee_id}}/inbox/{{kind}}/{{item_id}}/read"): InboxRead,
}

# For each route with a body, one its schema accepts and a service rule refuses (422), or
# None when the schema is the whole check. A new route must be listed here.
Changes = Callable[[Row, World], dict[str, Any]]
RULE_BREAKERS: dict[tuple[str, str], Changes | None] = {
    ("PATCH", f"{_V}/users/{{user_id}}"): lambda r, w: {"person_id": _unknown()},
    ("PATCH", f"{_V}/committees/{{committee_id}}"): lambda r, w: {"parent_id": _unknown()},
    ("POST", f"{_V}/committees/{{committee_id}}/status"): lambda r, w: (
        dict(r.json(w) if r.json else {}) | {"effective_on": FUTURE}
    ),
    ("PATCH", f"{_V}/organisations/{{organisation_id}}"): lambda r, w: {"department_code": "96"},
    ("PATCH", f"{_V}/people/{{person_id}}"): lambda r, w: {"organisation_id": _unknown()},
    ("PUT", f"{_V}/people/by-external-id/{{source}}/{{external_id}}"): lambda r, w: (
        dict(r.json(w) if r.json else {}) | {"organisation_id": _unknown()}
    ),
    ("PATCH", f"{_V}/bodies/{{body_id}}"): None,
    ("PATCH", f"{_V}/memberships/{{membership_id}}"): lambda r, w: {"body_id": _unknown()},
    ("POST", f"{_V}/memberships/{{membership_id}}/end"): lambda r, w: {"end_on": "1900-01-01"},
    ("POST", f"{_V}/claims/{{claim_id}}/transitions"): None,
    ("PUT", f"{_V}/meetings/{{meeting_id}}/headcount"): lambda r, w: {
        "total": 5,
        "counts": {"student": 3},
    },
    ("PATCH", f"{_V}/meetings/{{meeting_id}}"): lambda r, w: {
        "starts_at": "2030-01-02T00:00:00Z",
        "ends_at": "2030-01-01T00:00:00Z",
    },
    ("PATCH", f"{_V}/working-groups/{{working_group_id}}"): lambda r, w: {
        "start_on": "2024-02-01",
        "end_on": "2024-01-01",
    },
    ("PATCH", f"{_V}/work-programmes/{{programme_id}}"): lambda r, w: {
        "period_start": "2024-02-01",
        "period_end": "2024-01-01",
    },
    ("POST", f"{_V}/work-programmes/{{programme_id}}/transitions"): lambda r, w: (
        dict(r.json(w) if r.json else {}) | {"effective_on": FUTURE}
    ),
    ("PATCH", f"{_V}/actions/{{action_id}}"): lambda r, w: {"pilot_person_id": _unknown()},
    ("PATCH", f"{_V}/deliverables/{{deliverable_id}}"): lambda r, w: {
        "status": "delivered",
        "delivered_on": None,
    },
    ("PATCH", f"{_V}/indicators/{{indicator_id}}"): None,
    ("PATCH", f"{_V}/hcts/axes/{{axis_id}}"): lambda r, w: {"starts_in": 2024, "ends_in": 2020},
    ("PATCH", f"{_V}/hcts/publications/{{publication_id}}"): lambda r, w: {"axis_id": _unknown()},
    ("PATCH", f"{_V}/hcts/calls/{{call_id}}"): lambda r, w: {"axis_id": _unknown()},
    ("PATCH", f"{_V}/hcts/representatives/{{mandate_id}}"): lambda r, w: {
        "starts_on": "2024-02-01",
        "ends_on": "2024-01-01",
    },
    ("PATCH", f"{_V}/contributions/{{contribution_id}}"): lambda r, w: {
        "deliverable_id": _unknown()
    },
    ("POST", f"{_V}/contributions/{{contribution_id}}/transitions"): lambda r, w: (
        dict(r.json(w) if r.json else {}) | {"effective_on": FUTURE}
    ),
    ("PATCH", f"{_V}/seminars/{{seminar_id}}"): lambda r, w: {
        "starts_at": "2030-01-02T00:00:00Z",
        "ends_at": "2030-01-01T00:00:00Z",
    },
    ("PATCH", f"{_V}/newsletter/issues/{{issue_id}}"): None,
    ("PATCH", f"{_V}/newsletter/issues/{{issue_id}}/items/{{item_id}}"): lambda r, w: {
        "kind": "publication"
    },
    ("PATCH", f"{_V}/webhooks/subscriptions/{{subscription_id}}"): lambda r, w: {
        "url": "https://10.0.0.1/hooks"  # a private address
    },
}


def _send(
    client: TestClient, world: World, row: Row, body: dict[str, Any] | None, **extra: str
) -> Any:
    caller = next(c for c, status in row.expected.items() if 200 <= status < 300)
    params = world.params() | dict(row.extra) | dict(row.params(world) if row.params else {})
    headers = world.headers(caller) | extra
    return client.request(row.method, row.path.format(**params), headers=headers, json=body)


def test_every_guarded_route_is_listed() -> None:
    assert len(GUARDED) > 40  # the walk does find them
    assert sorted(RULE_BREAKERS) == sorted(WITH_BODY)
    assert {(m, p) for m, p, _ in GUARDED} <= set(ROWS)


@pytest.mark.parametrize(("method", "path", "has_body"), GUARDED, ids=lambda v: str(v))
def test_a_stale_etag_is_a_412(
    client: TestClient, world: World, method: str, path: str, has_body: bool
) -> None:
    row = ROWS[(method, path)]

    response = _send(client, world, row, dict(row.json(world)) if row.json else None, **STALE)

    assert_problem(response, 412, "precondition-failed")


@pytest.mark.parametrize(("method", "path"), WITH_BODY, ids=lambda v: str(v))
def test_a_body_the_schema_refuses_is_a_422_before_the_etag(
    client: TestClient, world: World, method: str, path: str
) -> None:
    row = ROWS[(method, path)]
    body = (dict(row.json(world)) if row.json else {}) | {"not_a_field": 1}

    for precondition in (STALE, {}):  # a stale ETag, or none
        response = _send(client, world, row, body, **precondition)

        problem = assert_problem(response, 422, "validation-error")
        assert ["body", "not_a_field"] in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [key for key, breaker in RULE_BREAKERS.items() if breaker is not None],
    ids=lambda v: str(v),
)
def test_a_body_a_rule_refuses_is_a_422_before_the_etag(
    client: TestClient, world: World, method: str, path: str
) -> None:
    row = ROWS[(method, path)]
    breaker = RULE_BREAKERS[(method, path)]
    assert breaker is not None

    fresh = _send(client, world, row, breaker(row, world))
    stale = _send(client, world, row, breaker(row, world), **STALE)

    assert_problem(fresh, 422, "validation-error")  # the rule refuses it (no ETag sent)
    assert_problem(stale, 422, "validation-error")  # and says so before the ETag does


def _edits_of_the_app() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if method in ("patch", "delete")
    }


def test_every_patch_and_delete_reads_if_match_but_of_rows_without_a_version() -> None:
    assert len(EDITS) > 30  # the walk does find them
    assert _edits_of_the_app() - set(EDITS) == set(UNVERSIONED)
    for route, table in UNVERSIONED.items():
        assert not issubclass(table, Versioned), f"{route} removes a versioned row"


def test_the_openapi_document_requires_if_match_on_exactly_those() -> None:
    required, optional = set(), set()
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", ()):
                if parameter["name"] != "If-Match":
                    continue
                assert parameter["in"] == "header"
                assert parameter["schema"]["type"] == "string"
                assert parameter["schema"]["pattern"] == etags.PATTERN
                assert parameter["description"]
                mandatory = parameter.get("required") is True
                (required if mandatory else optional).add((method.upper(), path))
                assert ("428" in operation["responses"]) == mandatory, (method, path)

    assert required == set(EDITS)
    assert {(m, p) for m, p, _ in GUARDED} - required == optional  # transitions, a PUT
    assert {m for m, _ in optional} <= {"POST", "PUT"}


def test_the_documented_pattern_reads_what_the_api_sends() -> None:
    pattern = re.compile(etags.PATTERN)
    for value in (etags.etag(1), etags.etag(123456), etags.ANY, '"1", "2"', 'W/"1"'):
        assert pattern.fullmatch(value), value
    for value in ("1", "", '"1" "2"', "**"):
        assert not pattern.fullmatch(value), value


@pytest.mark.parametrize(("method", "path"), EDITS, ids=lambda v: str(v))
def test_a_missing_if_match_is_a_428_and_a_star_matches_any_version(
    client: TestClient, world: World, method: str, path: str
) -> None:
    row = ROWS[(method, path)]

    missing = _send(client, world, row, dict(row.json(world)) if row.json else None)
    star = _send(client, world, row, dict(row.json(world)) if row.json else None, **ANY)

    assert_problem(missing, 428, "precondition-required", code=PreconditionRequired.code)
    assert missing.json()["code"] == "precondition_required"
    assert 200 <= star.status_code < 300, star.text
