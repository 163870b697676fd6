"""ETags from row versions, and `If-Match` as optimistic concurrency control."""

from typing import Annotated

from fastapi import Header, Response

from api.core.problems import PreconditionFailed

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="ETag of the version you edited; the write is refused with 412 if it changed.",
    ),
]


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def require_match(if_match: str | None, version: int) -> None:
    """Refuse the write when `If-Match` names another version (RFC 9110 strong comparison).

    A service calls it once the request's values are checked (their 422 comes first, as the
    contract says) and before it changes the row: a flush would bump the version compared."""
    if if_match is None:
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if "*" in candidates or etag(version) in candidates:
        return
    raise PreconditionFailed(
        f"The resource has changed (its ETag is now {etag(version)}); reload it and try again."
    )
