"""Shared checks of responses: what every error must look like (RFC 9457), what a page holds."""

from collections.abc import Mapping
from typing import Any

import httpx2


def assert_problem(response: httpx2.Response, status: int, slug: str | None = None) -> Any:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    if slug is not None:
        assert body["type"].endswith(f"/problems/{slug}"), body["type"]
    return body


def item_ids(page: httpx2.Response | Mapping[str, Any], key: str = "id") -> list[str]:
    """The ids of a page's items, in order (a response must be a 200)."""
    if isinstance(page, httpx2.Response):
        assert page.status_code == 200, page.text
        page = page.json()
    return [item[key] for item in page["items"]]
