"""How a package's routers become one: each domain's `api.py` mounts its routes modules; the
one check every operation shares, that its query names only parameters it declares; and how
a request finds its route among them all."""

import copy
from typing import Any

from fastapi import APIRouter, Depends, Request, params
from fastapi.dependencies.utils import get_flat_params
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute, iter_route_contexts
from starlette._utils import get_route_path
from starlette.routing import BaseRoute
from starlette.types import Receive, Scope, Send


def mount(*routers: APIRouter) -> APIRouter:
    """One router with the routes of `routers`, in this order: the order requests try them
    and the OpenAPI document lists them."""
    package = APIRouter()
    for router in routers:
        package.include_router(router)
    return package


# What an included route resolves from the routers above it, and is given again flat.
_RESOLVED = (
    "response_model", "status_code", "tags", "dependencies", "summary", "description",
    "response_description", "responses", "deprecated", "methods", "operation_id",
    "response_model_include", "response_model_exclude", "response_model_by_alias",
    "response_model_exclude_unset", "response_model_exclude_defaults",
    "response_model_exclude_none", "include_in_schema", "response_class", "name", "callbacks",
    "openapi_extra", "generate_unique_id_function", "strict_content_type", "max_body_size",
)  # fmt: skip


def include_flat(into: APIRouter, router: APIRouter) -> None:
    """Add to `into` every route of `router` and of the routers it includes as its own route,
    each with what it inherits (prefix, dependencies, tags, responses) resolved.

    FastAPI matches an included router lazily, level by level, and twice per level (to match,
    then to handle): with three levels that was half of a cheap request's CPU. A flat list is
    matched once, in the same order."""
    holder = APIRouter()
    holder.include_router(router)
    for context in iter_route_contexts(holder.routes):
        route, path = context.original_route, context.path
        if not isinstance(route, APIRoute) or path is None:
            raise TypeError(f"{route!r}: only API routes are flattened")
        fields = {name: getattr(context, name) for name in _RESOLVED}
        into.add_api_route(path, route.endpoint, route_class_override=type(route), **fields)


# id(route) → (route, the query names it declares); the route is kept so its id stays its own.
_DECLARED: dict[int, tuple[BaseRoute, frozenset[str]]] = {}


def _declared_query(route: BaseRoute) -> frozenset[str]:
    cached = _DECLARED.get(id(route))
    if cached is not None:
        return cached[1]
    dependant = getattr(route, "dependant", None)
    names = frozenset(
        field.alias
        for field in (get_flat_params(dependant) if dependant is not None else [])
        if isinstance(field.field_info, params.Query)
    )
    _DECLARED[id(route)] = (route, names)
    return names


async def _known_query_only(request: Request) -> None:
    """A query parameter the operation does not declare is a 422, not silently ignored: a
    misspelt filter (`?stauts=active`) would otherwise answer the unfiltered list."""
    if not request.scope.get("query_string"):
        return
    declared = _declared_query(request.scope["route"])
    unknown = [name for name in request.query_params if name not in declared]
    if unknown:
        raise RequestValidationError([_unknown(name) for name in dict.fromkeys(unknown)])


def _unknown(name: str) -> dict[str, Any]:
    # Pydantic's own type for a field a model forbids, so clients handle both alike.
    return {"loc": ("query", name), "msg": "Unknown query parameter", "type": "extra_forbidden"}


# On the API's root router (`api.main`), so every operation has it, whatever its package.
KNOWN_QUERY_ONLY = Depends(_known_query_only)


class RouteIndex:
    """The app router's dispatch, by the first `depth` segments of the path: a request tries
    only the routes whose path begins with them (and those that could match anything), in
    the router's order, so it matches what the whole list would. Starlette tries every route
    in turn: the last of two hundred cost a request about 0.1 ms more than the first.

    Installed as the router's `middleware_stack`; rebuilt when routes are added."""

    def __init__(self, router: APIRouter, depth: int = 3):
        self.router = router
        self.depth = depth
        self._built_for = -1
        self._views: dict[tuple[str, ...], APIRouter] = {}
        self._anywhere = router

    def key(self, path: str) -> tuple[str, ...]:
        return tuple(path.split("/", self.depth + 1)[1 : self.depth + 1])

    def _build(self) -> None:
        routes = self.router.routes
        keys: list[tuple[str, ...] | None] = []
        for route in routes:
            key = self.key(route.path) if isinstance(route, APIRoute) else None
            # A parameter among the first segments could match anything there.
            keys.append(None if key is None or any("{" in part for part in key) else key)
        self._views = {
            key: self._view([r for r, k in zip(routes, keys, strict=True) if k in (key, None)])
            for key in {k for k in keys if k is not None}
        }
        self._anywhere = self._view([r for r, k in zip(routes, keys, strict=True) if k is None])
        self._built_for = len(routes)

    def _view(self, routes: list[BaseRoute]) -> APIRouter:
        view = copy.copy(self.router)
        view.routes = routes
        return view

    def routes_for(self, path: str) -> list[BaseRoute]:
        """The routes a request for `path` tries, in order."""
        if self._built_for != len(self.router.routes):
            self._build()
        return self._views.get(self.key(path), self._anywhere).routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.router.app(scope, receive, send)
            return
        if self._built_for != len(self.router.routes):
            self._build()
        # `url_for` looks for any route by name: the whole router's.
        scope.setdefault("router", self.router)
        view = self._views.get(self.key(get_route_path(scope)), self._anywhere)
        await view.app(scope, receive, send)
