"""`/scim/v2`: thin routes over the SCIM services. Bodies are read raw (SCIM's media type,
RFC 7643 payloads validated by scim2-models in the services); every error answers as a SCIM
error (`ScimRoute`). Not in the OpenAPI document: see the README's SCIM section."""

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response
from scim2_models import Context, ResponseParameters

from api.core.clock import today
from api.db import ReaderDep, SessionDep
from api.scim import discovery, groups, groups_write, users, users_write
from api.scim.access import ScimReader, ScimWriter
from api.scim.errors import ScimError, ScimRoute, error_response, scim_json
from api.scim.models import USER_EXTENSION, GroupResource, UserResource
from api.scim.paging import Page, Query, read_query

router = APIRouter(prefix="/scim/v2", include_in_schema=False, route_class=ScimRoute)
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


def _if_match(request: Request) -> str | None:
    # Read from the request, not declared: SCIM's If-Match is optional (no 428), unlike the
    # REST API's, whose declared header the preconditions tests walk.
    return request.headers.get("If-Match")


def _base(request: Request) -> str:
    return f"{str(request.base_url).rstrip('/')}/scim/v2"


async def _payload(request: Request) -> Any:
    try:
        return orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise ScimError(400, "The body is not JSON.", "invalidSyntax") from None


# Read before the (sync) route runs in a worker thread, with its session.
Payload = Annotated[Any, Depends(_payload)]


def _shown(resource: dict[str, Any], model: Any, query: Query) -> dict[str, Any]:
    """`attributes` / `excludedAttributes` applied by scim2-models (only when asked)."""
    if not query.attributes and not query.excluded:
        return resource
    parameters: ResponseParameters[Any] = ResponseParameters(
        attributes=query.attributes or None, excluded_attributes=query.excluded or None
    )
    parsed = model.model_validate(resource, scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    shown: dict[str, Any] = parsed.model_dump(
        scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=parameters
    )
    return shown


def _terms_asked(query: Query) -> bool:
    terms = f"{USER_EXTENSION}:terms".lower()
    return any(name.lower().startswith(terms) for name in query.attributes)


def _user(row: dict[str, Any], *, base: str, query: Query | None = None) -> dict[str, Any]:
    return users.to_user(row, base=base, with_terms=query is not None and _terms_asked(query))


def _group(row: dict[str, Any], *, base: str, query: Query | None = None) -> dict[str, Any]:
    return groups.to_group(row, base=base)


def _one(resource: dict[str, Any], *, status: int = 200, query: Query | None = None) -> Response:
    headers = {"ETag": resource["meta"]["version"]}
    if status == 201:
        headers["Location"] = resource["meta"]["location"]
    model = UserResource if resource["meta"]["resourceType"] == "User" else GroupResource
    return scim_json(_shown(resource, model, query or Query()), status=status, headers=headers)


def _list(
    page: Page, render: Callable[..., dict[str, Any]], model: Any, query: Query, base: str
) -> Response:
    return scim_json(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": page.total,
            "startIndex": page.start,
            "itemsPerPage": len(page.rows),
            "Resources": [
                _shown(render(row, base=base, query=query), model, query) for row in page.rows
            ],
        }
    )


# --- discovery ------------------------------------------------------------------------------


@router.get("/ServiceProviderConfig")
async def service_provider_config(_: ScimReader, request: Request) -> Response:
    return scim_json(discovery.config(_base(request)))


@router.get("/ResourceTypes")
async def resource_types(_: ScimReader, request: Request) -> Response:
    found = discovery.resource_types(_base(request))
    return scim_json(
        {"schemas": [LIST_SCHEMA], "totalResults": len(found), "startIndex": 1,
         "itemsPerPage": len(found), "Resources": found}
    )  # fmt: skip


@router.get("/ResourceTypes/{name}")
async def resource_type(_: ScimReader, request: Request, name: str) -> Response:
    return scim_json(discovery.resource_type(name, _base(request)))


@router.get("/Schemas")
async def schemas(caller: ScimReader, request: Request) -> Response:
    found = discovery.schemas(caller, _base(request))
    return scim_json(
        {"schemas": [LIST_SCHEMA], "totalResults": len(found), "startIndex": 1,
         "itemsPerPage": len(found), "Resources": found}
    )  # fmt: skip


@router.get("/Schemas/{schema_id}")
async def schema(caller: ScimReader, request: Request, schema_id: str) -> Response:
    return scim_json(discovery.schema(schema_id, caller, _base(request)))


# --- Users ----------------------------------------------------------------------------------


@router.get("/Users")
async def list_users(read: ReaderDep, caller: ScimReader, request: Request) -> Response:
    query = read_query(dict(request.query_params))
    page = await read.using_session(
        partial(users.list_users, caller=caller, query=query, today=today())
    )
    return _list(page, _user, UserResource, query, _base(request))


@router.post("/Users/.search")
def search_users(
    session: SessionDep, caller: ScimReader, request: Request, payload: Payload
) -> Response:
    query = read_query(payload)
    page = users.list_users(session, caller=caller, query=query, today=today())
    return _list(page, _user, UserResource, query, _base(request))


@router.get("/Users/{user_id}")
async def get_user(read: ReaderDep, caller: ScimReader, request: Request, user_id: str) -> Response:
    row = await read.using_session(
        partial(users.get_user, caller=caller, user_id=user_id, today=today())
    )
    query = read_query(dict(request.query_params))
    return _one(_user(row, base=_base(request), query=query), query=query)


@router.post("/Users")
def create_user(
    session: SessionDep, caller: ScimWriter, request: Request, payload: Payload
) -> Response:
    person_id = users_write.create_user(session, caller=caller, payload=payload, today=today())
    row = users.get_user(session, caller=caller, user_id=str(person_id), today=today())
    return _one(users.to_user(row, base=_base(request)), status=201)


@router.put("/Users/{user_id}")
def replace_user(
    session: SessionDep,
    caller: ScimWriter,
    request: Request,
    user_id: str,
    payload: Payload,
) -> Response:
    users_write.replace_user(
        session,
        caller=caller,
        user_id=user_id,
        payload=payload,
        if_match=_if_match(request),
        today=today(),
    )
    row = users.get_user(session, caller=caller, user_id=user_id, today=today())
    return _one(users.to_user(row, base=_base(request)))


@router.patch("/Users/{user_id}")
def patch_user(
    session: SessionDep,
    caller: ScimWriter,
    request: Request,
    user_id: str,
    payload: Payload,
) -> Response:
    base = _base(request)
    deactivated = users_write.patch_user(
        session, caller=caller, user_id=user_id, payload=payload, if_match=_if_match(request),
        today=today(), base=base,
    )  # fmt: skip
    if deactivated:  # `active: false`: the person left SCIM's view
        return Response(status_code=204)
    row = users.get_user(session, caller=caller, user_id=user_id, today=today())
    return _one(users.to_user(row, base=base))


@router.delete("/Users/{user_id}", status_code=204)
def delete_user(
    session: SessionDep, caller: ScimWriter, request: Request, user_id: str
) -> Response:
    users_write.delete_user(
        session, caller=caller, user_id=user_id, if_match=_if_match(request), today=today()
    )
    return Response(status_code=204)


# --- Groups ---------------------------------------------------------------------------------


@router.get("/Groups")
async def list_groups(read: ReaderDep, caller: ScimReader, request: Request) -> Response:
    query = read_query(dict(request.query_params))
    page = await read.using_session(
        partial(groups.list_groups, caller=caller, query=query, today=today())
    )
    return _list(page, _group, GroupResource, query, _base(request))


@router.post("/Groups/.search")
def search_groups(
    session: SessionDep, caller: ScimReader, request: Request, payload: Payload
) -> Response:
    query = read_query(payload)
    page = groups.list_groups(session, caller=caller, query=query, today=today())
    return _list(page, _group, GroupResource, query, _base(request))


@router.get("/Groups/{group_id}")
async def get_group(
    read: ReaderDep, caller: ScimReader, request: Request, group_id: str
) -> Response:
    row = await read.using_session(
        partial(groups.get_group, caller=caller, group_id=group_id, today=today())
    )
    query = read_query(dict(request.query_params))
    return _one(groups.to_group(row, base=_base(request)), query=query)


@router.post("/Groups")
def create_group(
    session: SessionDep, caller: ScimWriter, request: Request, payload: Payload
) -> Response:
    body_id = groups_write.create_group(session, caller=caller, payload=payload, today=today())
    row = groups.get_group(session, caller=caller, group_id=str(body_id), today=today())
    return _one(groups.to_group(row, base=_base(request)), status=201)


@router.put("/Groups/{group_id}")
def replace_group(
    session: SessionDep,
    caller: ScimWriter,
    request: Request,
    group_id: str,
    payload: Payload,
) -> Response:
    groups_write.replace_group(
        session, caller=caller, group_id=group_id, payload=payload, if_match=_if_match(request),
        today=today(),
    )  # fmt: skip
    row = groups.get_group(session, caller=caller, group_id=group_id, today=today())
    return _one(groups.to_group(row, base=_base(request)))


@router.patch("/Groups/{group_id}")
def patch_group(
    session: SessionDep,
    caller: ScimWriter,
    request: Request,
    group_id: str,
    payload: Payload,
) -> Response:
    base = _base(request)
    groups_write.patch_group(
        session, caller=caller, group_id=group_id, payload=payload, if_match=_if_match(request),
        today=today(), base=base,
    )  # fmt: skip
    row = groups.get_group(session, caller=caller, group_id=group_id, today=today())
    return _one(groups.to_group(row, base=base))


@router.delete("/Groups/{group_id}", status_code=204)
def delete_group(
    session: SessionDep, caller: ScimWriter, request: Request, group_id: str
) -> Response:
    groups_write.delete_group(
        session, caller=caller, group_id=group_id, if_match=_if_match(request), today=today()
    )
    return Response(status_code=204)


@router.post("/.search")
def search_all(
    session: SessionDep, caller: ScimReader, request: Request, payload: Payload
) -> Response:
    """Users then Groups, paged as one list (RFC 7644 §3.4.3)."""
    query = read_query(payload)
    found = users.list_users(session, caller=caller, query=query, today=today())
    resources = [
        _shown(_user(r, base=_base(request), query=query), UserResource, query) for r in found.rows
    ]
    start = max(query.start - found.total, 1)
    count = query.count - len(found.rows)
    groups_query = replace(query, start=start, count=count)
    more = groups.list_groups(session, caller=caller, query=groups_query, today=today())
    resources += [
        _shown(groups.to_group(r, base=_base(request)), GroupResource, query) for r in more.rows
    ]
    return scim_json(
        {"schemas": [LIST_SCHEMA], "totalResults": found.total + more.total,
         "startIndex": query.start, "itemsPerPage": len(resources), "Resources": resources}
    )  # fmt: skip


_DISCOVERY = ("ServiceProviderConfig", "ResourceTypes", "Schemas")


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def unknown(rest: str) -> Response:
    if rest.split("/")[0] in _DISCOVERY:
        return error_response(405, "The discovery endpoints are read-only (GET).")
    return error_response(404, f"No SCIM endpoint /{rest}.")
