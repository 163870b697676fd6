"""The query parameters every figure shares: which committees it counts."""

import uuid
from typing import Annotated

from fastapi import Depends, Query

from api.stats.scopes import SCOPE_DESCRIPTION, Counted, Scope
from api.territories.schemas import InDepartment, InRegion

ScopeQuery = Annotated[Scope, Query(description=SCOPE_DESCRIPTION)]


async def _counted(
    committee_id: Annotated[
        uuid.UUID | None, Query(description="Only this committee (whatever its scale).")
    ] = None,
    region: InRegion = None,
    department: InDepartment = None,
    scope: ScopeQuery = Scope.published,
) -> Counted:
    return Counted(scope, committee_id, region, department)


CountedQuery = Annotated[Counted, Depends(_counted)]
