"""What routes set besides the body: the problems they document, the ETag of the version they
return and, for a creation, the `Location` of the new resource, read from the app's own table
of operations (so no route spells the `/api/v1` prefix)."""

import re
from typing import Any, TypeVar

from fastapi import Request, Response

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

# The problem sets routes share (`responses=`), named by the operations that answer them.
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
# A delete no rule refuses: only a stale ETag.
REMOVE = problem_responses(Unauthorized, Forbidden, NotFound, PreconditionFailed)
# A change without body or ETag a rule may refuse (a grant, a withdrawal).
REFUSABLE = problem_responses(Unauthorized, Forbidden, NotFound, Conflict)
# A batch of records under a parent, all or nothing.
RECORD = problem_responses(Unauthorized, Forbidden, NotFound, InvalidInput, Conflict)
# A create-or-replace (PUT by a source's id): a rule may refuse it, a sent ETag be stale.
UPSERT = CHANGE
# A move without a body (close, publish) is refused as a delete is: by a rule or a stale ETag.
TRANSITION = DELETE


def location(request: Request, operation_id: str, **path_params: object) -> str:
    """The path of the operation `operation_id` for these path parameters, as the app's
    OpenAPI document (its table of operations) names it."""
    paths: dict[str, dict[str, Any]] = request.app.openapi()["paths"]
    for template, operations in paths.items():
        if any(op.get("operationId") == operation_id for op in operations.values()):
            names = set(re.findall(r"\{(\w+)\}", template))
            if names != set(path_params):
                raise ValueError(f"{operation_id} takes {sorted(names)}, not {sorted(path_params)}")
            path = template.format_map({name: str(v) for name, v in path_params.items()})
            return str(request.scope.get("root_path", "")) + path
    raise LookupError(f"no operation {operation_id!r}")


def with_etag(response: Response, version: int, body: Body) -> Body:
    """`body`, sent with the ETag of the version it shows (a read or a write)."""
    set_etag(response, version)
    return body


def created(
    request: Request, response: Response, version: int, *, at: str, **path_params: object
) -> None:
    """Headers of a new resource: its ETag and its `Location`, the path of operation `at`
    (its GET, usually) for `path_params`."""
    set_etag(response, version)
    response.headers["Location"] = location(request, at, **path_params)


def no_store(response: Response) -> None:
    """For an answer that carries a secret or a token: no cache may keep it (RFC 6749 §5.1;
    `Pragma` for HTTP/1.0 caches). Requests without an Authorization header, a token's or a
    new client's, would otherwise get the app's default caching."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
