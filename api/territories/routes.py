from typing import Annotated

from fastapi import Query, Response

from api.auth.deps import PublicRouter
from api.core.problems import NotFound, problem_responses
from api.core.reads import respond, respond_page
from api.territories import service
from api.territories.schemas import (
    REGION_PATTERN,
    DepartmentCodePath,
    DepartmentPage,
    DepartmentPublic,
    RegionCodePath,
    RegionPage,
    RegionPublic,
)

# Reference data is public: anonymous callers read it.
public_router = PublicRouter(prefix="/territories", tags=["territories"])


# Reference data, loaded at start: no database read, the body written as every GET's is.
@public_router.get("/regions", operation_id="territories-regions-list", response_model=RegionPage)
async def list_regions() -> Response:
    """The 18 regions (INSEE COG); the whole list, in one page."""
    return respond_page(RegionPage, (service.list_regions(), None))


@public_router.get(
    "/regions/{code}",
    operation_id="territories-regions-get",
    responses=problem_responses(NotFound),
    response_model=RegionPublic,
)
async def get_region(code: RegionCodePath) -> Response:
    return respond(RegionPublic, service.get_region(code))


@public_router.get(
    "/departments", operation_id="territories-departments-list", response_model=DepartmentPage
)
async def list_departments(
    region: Annotated[
        str | None, Query(pattern=REGION_PATTERN, description="Only this region's.")
    ] = None,
) -> Response:
    """The 101 départements (INSEE COG); the whole list, in one page."""
    return respond_page(DepartmentPage, (service.list_departments(region_code=region), None))


@public_router.get(
    "/departments/{code}",
    operation_id="territories-departments-get",
    responses=problem_responses(NotFound),
    response_model=DepartmentPublic,
)
async def get_department(code: DepartmentCodePath) -> Response:
    return respond(DepartmentPublic, service.get_department(code))
