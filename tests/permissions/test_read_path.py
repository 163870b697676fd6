"""Every GET of the app, as the read path writes it: the bytes are what its documented schema
gives for the same data, a page costs the same few statements whatever its size, and an
object two (the caller, then its guard and answer in one).

The routes and their targets are the permission matrix's rows (a GET without one fails
test_matrix); each is read as a network admin, and anonymously too where anonymous callers
get a 200. Pages are read whole and one item at a time, following the cursor, so empty pages,
cursors and every item's fields (nulls and non-ASCII text included) are compared."""

import inspect
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import Connection
from sqlmodel import Session

from api.main import app
from tests.database import count_statements
from tests.factories import auth
from tests.permissions.world import Row, World, matrix_rows

GETS = [row for row in matrix_rows() if row.method == "GET" and row.field is None]

# The statements a list may run, whatever its page size: the caller (one), the guard (up to
# two: the parent, its committee's visibility), the page (one) and its relations (one each).
MAX_STATEMENTS = 6
# A GET of one object, as a network admin: the caller, then one statement that is both the
# guard's load and the answer (issue 14: a third cost an object its lead on a page of members).
OBJECT_STATEMENTS = 2
# What may run more, one batched statement per part: the board's actions, their tags,
# deliverables and indicators beside its programme; the figures' breakdowns (participation:
# members by category, organisations, retention, attendance and headcounts; programmes: by
# status, deliverables, indicators; liaison: contributions and their steps, candidatures,
# relays, seminar attendance; composition: the bodies with targets, then their members by
# category and their targets), each over the network.
RELATIONS = {
    "/api/v1/work-programmes/{programme_id}/board": 3,
    "/api/v1/stats/participation": 4,
    "/api/v1/stats/programmes": 3,
    "/api/v1/stats/liaison": 6,
    "/api/v1/stats/composition": 2,
}


def _schema(path: str) -> type[BaseModel]:
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path == path and "GET" in route.methods:
            model = route.response_model
            assert isinstance(model, type), path
            assert issubclass(model, BaseModel), path
            return model
    raise LookupError(path)


def _is_page(schema: type[BaseModel]) -> bool:
    return {"items", "next_cursor"} <= set(schema.model_fields)


def _takes_limit(path: str) -> bool:
    operation = app.openapi()["paths"][path]["get"]
    return any(p["name"] == "limit" for p in operation.get("parameters", ()))


def _url(row: Row, world: World) -> str:
    params = world.params() | dict(row.extra) | dict(row.params(world) if row.params else {})
    return row.path.format(**params)


def assert_written_as_documented(schema: type[BaseModel], body: bytes) -> dict[str, Any]:
    """`body` parses as `schema`, strictly, and is what `schema` writes for what it holds:
    no field more or less, the same formats."""
    model = schema.model_validate_json(body)
    written: dict[str, Any] = json.loads(body)
    assert written == json.loads(model.model_dump_json(by_alias=True))
    return written


@pytest.mark.parametrize("row", GETS, ids=lambda r: r.path)
def test_every_get_is_written_as_its_schema_says(
    client: TestClient, world: World, row: Row
) -> None:
    schema = _schema(row.path)
    url = _url(row, world)
    callers = [auth(world.users["network_admin"])]
    if row.expected["anonymous"] == 200:
        callers.append({})
    for headers in callers:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        written = assert_written_as_documented(schema, response.content)
        if not (_is_page(schema) and _takes_limit(row.path)):
            continue
        # One item a page, to the end: every cursor given out is followed.
        seen, cursor = [], None
        for _ in range(50):
            params = {"limit": "1"} | ({"cursor": cursor} if cursor else {})
            page = client.get(url, params=params, headers=headers)
            assert page.status_code == 200, page.text
            one = assert_written_as_documented(schema, page.content)
            seen += one["items"]
            cursor = one["next_cursor"]
            if cursor is None:
                break
        assert seen == written["items"][: len(seen)]
        assert len(seen) == len(written["items"]) or len(written["items"]) == 50


def _statements(client: TestClient, connection: Connection, url: str, **kwargs: Any) -> int:
    with count_statements(connection) as statements:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.text
    # The test's own savepoints (its sessions nest in its transaction) are not the request's.
    return sum("SAVEPOINT" not in statement for statement in statements)


@pytest.mark.parametrize("row", GETS, ids=lambda r: r.path)
def test_a_get_runs_a_few_statements_whatever_its_page_size(
    client: TestClient, world: World, session: Session, row: Row
) -> None:
    url = _url(row, world)
    if row.params is not None:
        # The scene again, twice: a list beside it holds several rows.
        row.params(world)
        row.params(world)
    session.flush()
    headers = auth(world.users["network_admin"])
    connection = session.connection()
    counts = {"whole": _statements(client, connection, url, headers=headers)}
    if _takes_limit(row.path):
        counts["one"] = _statements(client, connection, url, headers=headers, params={"limit": 1})
        assert counts["one"] == counts["whole"], counts
    most = MAX_STATEMENTS if _is_page(_schema(row.path)) else OBJECT_STATEMENTS
    assert counts["whole"] <= most + RELATIONS.get(row.path, 0), counts


def _calls(dependant: Dependant) -> Iterator[Any]:
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from _calls(sub)


def _runs_on_the_loop(call: Any) -> bool:
    # A security scheme is an object whose `__call__` is a coroutine.
    return any(
        inspect.iscoroutinefunction(c) or inspect.isasyncgenfunction(c)
        for c in (call, type(call).__call__)
    )


def test_every_get_runs_on_the_event_loop() -> None:
    """A sync endpoint or dependency is a hop to a worker thread and back: no GET has one, so
    a new GET that forgets the read path fails here (its reads go through `db.Reader`)."""
    sync = sorted(
        f"{route.path}: {getattr(call, '__qualname__', call)}"
        for route in app.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
        for call in _calls(route.dependant)
        if not _runs_on_the_loop(call)
    )
    assert sync == []
