"""What routes set besides the body: the problems they document, the ETag of the version they
return and, for a creation, the `Location` of the new resource, read from the app's own routes
(so no route spells the `/api/v1` prefix)."""

from typing import TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.core.etags import set_etag
from api.core.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    Unauthorized,
    problem_responses,
)

Body = TypeVar("Body")

# The problem sets routes share, named by the kind of operation (`responses=`).
READ_ONE = problem_responses(Unauthorized, NotFound)
LIST = problem_responses(Unauthorized, InvalidInput)
LIST_IN = problem_responses(Unauthorized, NotFound, InvalidInput)  # a list under a parent
GUARDED = problem_responses(Unauthorized, Forbidden, NotFound)  # the guard may answer 403
GUARDED_INPUT = problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput)
CREATE = problem_responses(Unauthorized, Forbidden, InvalidInput)
CREATE_UNIQUE = problem_responses(Unauthorized, Forbidden, Conflict, InvalidInput)
CREATE_IN = problem_responses(Unauthorized, Forbidden, NotFound, Conflict, InvalidInput)
UPDATE = problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput, PreconditionFailed)
# An update or a transition a domain rule may refuse (409).
CHANGE = problem_responses(
    Unauthorized, Forbidden, NotFound, Conflict, InvalidInput, PreconditionFailed
)
DELETE = problem_responses(Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed)


def location(request: Request, operation_id: str, **path_params: object) -> str:
    """The path of the operation `operation_id` for these path parameters."""
    for route in request.app.router.routes:
        if isinstance(route, APIRoute) and route.operation_id == operation_id:
            path = route.url_path_for(route.name, **path_params)
            return path.make_absolute_url(request.base_url).path
    raise LookupError(f"no operation {operation_id!r}")


def with_etag(response: Response, version: int, body: Body) -> Body:
    """`body`, sent with the ETag of the version it shows (a read or a write)."""
    set_etag(response, version)
    return body


def created(
    request: Request,
    response: Response,
    version: int,
    body: Body,
    *,
    at: str,
    **path_params: object,
) -> Body:
    """`body` of a new resource, sent with its ETag and its `Location`: the path of operation
    `at` (its GET, usually) for `path_params`."""
    response.headers["Location"] = location(request, at, **path_params)
    return with_etag(response, version, body)
