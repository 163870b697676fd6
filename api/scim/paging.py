"""A list request (RFC 7644 §3.4.2: `filter`, `sortBy`, `sortOrder`, `startIndex`, `count`,
`attributes`, `excludedAttributes`), from a query string or a `/.search` body, and its page."""

from dataclasses import dataclass, field
from typing import Any

from api.scim.errors import ScimError

MAX_COUNT = 1000  # ServiceProviderConfig's filter.maxResults
DEFAULT_COUNT = 100


@dataclass(frozen=True)
class Query:
    filter: str | None = None
    start: int = 1
    count: int = DEFAULT_COUNT
    sort_by: str | None = None
    descending: bool = False
    attributes: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    total: int
    start: int
    rows: list[dict[str, Any]]


def _integer(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ScimError(400, f"{name} is an integer.", "invalidValue") from None


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def read_query(params: dict[str, Any]) -> Query:
    """The list request in `params` (query parameters, or a SearchRequest's fields): out of
    range values are brought in range, as RFC 7644 §3.4.2.4 says."""
    start = _integer(params.get("startIndex"), "startIndex")
    count = _integer(params.get("count"), "count")
    order = str(params.get("sortOrder") or "ascending").lower()
    if order not in ("ascending", "descending"):
        raise ScimError(400, "sortOrder is ascending or descending.", "invalidValue")
    text = params.get("filter")
    return Query(
        filter=str(text) if text not in (None, "") else None,
        start=max(start or 1, 1),
        count=min(max(count if count is not None else DEFAULT_COUNT, 0), MAX_COUNT),
        sort_by=str(params["sortBy"]) if params.get("sortBy") else None,
        descending=order == "descending",
        attributes=_names(params.get("attributes")),
        excluded=_names(params.get("excludedAttributes")),
    )
