"""The app finds each request's route through `RouteIndex`: the route the whole list would
give (the first that matches in full, else the first that matches but for the method)."""

import re
import uuid

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Match

from api.core.routers import RouteIndex
from api.main import app, create_app

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _chosen(routes: list[BaseRoute], path: str, method: str) -> BaseRoute | None:
    scope = {"type": "http", "path": path, "root_path": "", "method": method}
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route
        if match is Match.PARTIAL and partial is None:
            partial = route
    return partial


def _paths() -> list[str]:
    """A request path for every route (an id for each parameter), its variants a segment
    longer or shorter, with a trailing slash, and paths no route has."""
    paths = ["/", "/nowhere", "/api", "/api/v1", "/api/v1/nowhere/at/all", "/docs", "/scim/v2"]
    for route in app.routes:
        if isinstance(route, APIRoute):
            path = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), route.path)
            paths += [path, f"{path}/", f"{path}/extra", path.rsplit("/", 1)[0]]
    return paths


def test_every_request_gets_the_route_the_whole_list_gives() -> None:
    index = app.router.middleware_stack
    assert isinstance(index, RouteIndex)
    checked = 0
    for path in _paths():
        for method in METHODS:
            expected = _chosen(app.router.routes, path, method)
            assert _chosen(index.routes_for(path), path, method) is expected, (method, path)
            checked += expected is not None
    assert checked > len(app.routes)


def test_a_route_added_later_is_found() -> None:
    later = create_app()
    client = TestClient(later)
    assert client.get("/api/v1/added-later").status_code == 404

    later.router.add_api_route("/api/v1/added-later", lambda: {"found": True})

    assert client.get("/api/v1/added-later").json() == {"found": True}


@pytest.mark.parametrize("path", ["/api/v1/territories/regions/84", "/api/v1/health/live"])
def test_requests_are_answered_through_the_index(path: str) -> None:
    # A router without the index answers the same.
    plain = create_app()
    plain.router.middleware_stack = plain.router.app
    indexed = create_app()
    assert isinstance(indexed.router.middleware_stack, RouteIndex)

    answers = [TestClient(each).get(path) for each in (plain, indexed)]

    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
