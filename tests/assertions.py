"""What every error response must look like (RFC 9457)."""

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
