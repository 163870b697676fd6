"""Every endpoint × every kind of caller, own and foreign committee, as one table.

The target committee is private, so a caller who may not see it gets 404 (its existence does
not leak), one who sees it but may not act gets 403, and an anonymous writer gets 401.
Rows live in `rows_<domain>.py` beside this file (each exports ROWS); a route of the app
without a row fails `test_every_route_has_a_row`. Field-level rows (`Row.field`) add the
route again for a field only some callers may change.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import etags
from api.main import app
from tests.permissions.world import CALLERS, Row, World, matrix_rows

ROWS: list[Row] = matrix_rows()

IF_MATCH_REQUIRED = {
    (method.upper(), path)
    for path, operations in app.openapi()["paths"].items()
    for method, operation in operations.items()
    if any(p["name"] == "If-Match" and p.get("required") for p in operation.get("parameters", ()))
}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.label)
def test_permission_matrix(client: TestClient, world: World, row: Row, caller: str) -> None:
    headers = world.headers(caller)
    if (row.method, row.path) in IF_MATCH_REQUIRED:
        # Any version: whether the caller may act is the question here (the guard answers
        # before the ETag is compared); stale and missing ETags are test_preconditions'.
        headers["If-Match"] = etags.ANY
    params = world.params() | dict(row.extra) | dict(row.params(world) if row.params else {})
    url = row.path.format(**params)
    kwargs: dict[str, Any] = {"headers": headers}
    if row.json is not None:
        kwargs["json"] = row.json(world)
        assert row.field is None or set(kwargs["json"]) == {row.field}, "sends other fields"
    if row.form is not None:
        kwargs["data"] = row.form(world)

    response = client.request(row.method, url, **kwargs)

    assert response.status_code == row.expected[caller], response.text


def test_every_route_has_a_row() -> None:
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    covered = [(row.method, row.path) for row in ROWS if row.field is None]
    assert routes - set(covered) == set(), "routes without a permission-matrix row"
    assert {(r.method, r.path) for r in ROWS} - routes == set(), "rows for routes that are gone"
    assert len(covered) == len(set(covered)), "a route has two rows"
    labels = [row.label for row in ROWS]
    assert len(labels) == len(set(labels)), "a field has two rows"
    for row in ROWS:
        assert set(row.expected) == set(CALLERS), f"{row.label} misses a caller"
        assert row.field is None or row.json is not None, f"{row.label} sends no body"
