"""Shared checks of responses: what every error must look like (RFC 9457), what a page holds."""

import csv
import io
from collections.abc import Mapping
from functools import cache
from typing import Any

import httpx2

from api.main import app


@cache
def documented_codes() -> frozenset[str]:
    """The problem codes the OpenAPI document lists (`ProblemCode`)."""
    return frozenset(app.openapi()["components"]["schemas"]["ProblemCode"]["enum"])


def assert_problem(
    response: httpx2.Response, status: int, slug: str | None = None, *, code: str | None = None
) -> Any:
    """The response is a problem of this status (and type's `slug`, and `code`); whatever it
    is, its code is one the OpenAPI document lists and each field error says where it is."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["code"] in documented_codes(), body["code"]
    if slug is not None:
        assert body["type"].endswith(f"/problems/{slug}"), body["type"]
    if code is not None:
        assert body["code"] == code, body
    for error in body.get("errors") or ():
        where = error["loc"][0]
        assert ("pointer" in error) == (where == "body"), error
        assert ("parameter" in error) == (where != "body"), error
    return body


def item_ids(page: httpx2.Response | Mapping[str, Any], key: str = "id") -> list[str]:
    """The ids of a page's items, in order (a response must be a 200)."""
    if isinstance(page, httpx2.Response):
        assert page.status_code == 200, page.text
        page = page.json()
    return [item[key] for item in page["items"]]


def csv_rows(response: httpx2.Response) -> list[dict[str, str]]:
    """The rows of a CSV answer, after checking it is one as spreadsheets want it: UTF-8 with
    a BOM, the text/csv type."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
