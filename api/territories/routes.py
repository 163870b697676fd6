from typing import Annotated

from fastapi import Query

from api.auth.deps import PublicRouter
from api.core.problems import NotFound, problem_responses
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


@public_router.get("/regions", operation_id="territories-regions-list")
def list_regions() -> RegionPage:
    """The 18 regions (INSEE COG); the whole list, in one page."""
    items = [RegionPublic.model_validate(r) for r in service.list_regions()]
    return RegionPage(items=items, next_cursor=None)


@public_router.get(
    "/regions/{code}", operation_id="territories-regions-get", responses=problem_responses(NotFound)
)
def get_region(code: RegionCodePath) -> RegionPublic:
    return RegionPublic.model_validate(service.get_region(code))


@public_router.get("/departments", operation_id="territories-departments-list")
def list_departments(
    region: Annotated[
        str | None, Query(pattern=REGION_PATTERN, description="Only this region's.")
    ] = None,
) -> DepartmentPage:
    """The 101 départements (INSEE COG); the whole list, in one page."""
    items = [
        DepartmentPublic.model_validate(d) for d in service.list_departments(region_code=region)
    ]
    return DepartmentPage(items=items, next_cursor=None)


@public_router.get(
    "/departments/{code}",
    operation_id="territories-departments-get",
    responses=problem_responses(NotFound),
)
def get_department(code: DepartmentCodePath) -> DepartmentPublic:
    return DepartmentPublic.model_validate(service.get_department(code))
