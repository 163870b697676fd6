from typing import Annotated

from fastapi import Path, Query
from pydantic import StringConstraints

from api.core.pagination import Page
from api.core.schemas import Output

# INSEE codes: "84" is a region; "07", "2A", "971" are départements.
REGION_PATTERN = r"^\d{2}$"
DEPARTMENT_PATTERN = r"^(\d{2}|2[AB]|97\d)$"

# The territory filters of lists and figures (committees, organisations, stats).
InRegion = Annotated[
    str | None,
    Query(pattern=REGION_PATTERN, description="INSEE region; includes its départements."),
]
InDepartment = Annotated[
    str | None, Query(pattern=DEPARTMENT_PATTERN, description="INSEE département code.")
]
RegionCode = Annotated[str, StringConstraints(pattern=REGION_PATTERN)]
DepartmentCode = Annotated[str, StringConstraints(pattern=DEPARTMENT_PATTERN)]
RegionCodePath = Annotated[str, Path(pattern=REGION_PATTERN, description="INSEE region code.")]
DepartmentCodePath = Annotated[
    str, Path(pattern=DEPARTMENT_PATTERN, description="INSEE département code.")
]


class RegionPublic(Output):
    code: str
    name: str


class DepartmentPublic(Output):
    code: str
    name: str
    region_code: str


class RegionPage(Page[RegionPublic]):
    pass


class DepartmentPage(Page[DepartmentPublic]):
    pass
