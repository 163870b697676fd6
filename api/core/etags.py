"""ETags from row versions, and `If-Match` as optimistic concurrency control.

`PATCH` and `DELETE` of a resource with an ETag require `If-Match` (`require_match`: 428 when
missing, 412 when stale), so two editors cannot overwrite each other unawares; a transition
(`POST`) or a replacement (`PUT`) checks it when sent (`check_match`). The route reads the header
as optional either way: a missing one is refused by the service, after the request's values are
checked (their 422 comes first); `api.core.openapi` documents it as required on PATCH and
DELETE."""

from typing import Annotated

from fastapi import Header, Response

from api.core.problems import PreconditionFailed, PreconditionRequired

# Any current version: what an in-process caller (the demo loader, a factory) that holds the row
# it changes sends in place of a client's ETag.
ANY = "*"
# What `If-Match` holds (RFC 9110): `*`, or a comma-separated list of quoted entity tags.
PATTERN = r'^(\*|(W/)?"[^"]*"( *, *(W/)?"[^"]*")*)$'
DESCRIPTION = (
    'The ETag of the version you edited (`"3"`), as its read or last write returned it, or `*` '
    "for whatever version is current. Required on PATCH and DELETE (428 without it); the write is "
    "refused with 412 if the resource changed since."
)

IfMatch = Annotated[str | None, Header(alias="If-Match", description=DESCRIPTION, pattern=PATTERN)]


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def require_match(if_match: str | None, version: int) -> None:
    """Refuse the write when `If-Match` is missing (428) or names another version (412).

    A service calls it once the request's values are checked (their 422 comes first, as the
    contract says) and before it changes the row: a flush would bump the version compared."""
    if if_match is None:
        raise PreconditionRequired(
            "Send If-Match with the ETag of the version you edited (or `*`), so that no one "
            "else's change is overwritten unawares."
        )
    check_match(if_match, version)


def check_match(if_match: str | None, version: int) -> None:
    """Refuse the write when a sent `If-Match` names another version (RFC 9110 strong
    comparison); without one, go ahead. For transitions and replacements, whose rules refuse
    what no longer applies; called where `require_match` would be."""
    if if_match is None:
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if ANY in candidates or etag(version) in candidates:
        return
    raise PreconditionFailed(
        f"The resource has changed (its ETag is now {etag(version)}); reload it and try again."
    )
