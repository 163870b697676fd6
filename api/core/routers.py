"""How a package's routers become one: each domain's `api.py` mounts its routes modules."""

from fastapi import APIRouter


def mount(*routers: APIRouter) -> APIRouter:
    """One router with the routes of `routers`, in this order: the order requests try them
    and the OpenAPI document lists them."""
    package = APIRouter()
    for router in routers:
        package.include_router(router)
    return package
