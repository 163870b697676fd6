"""Load a `{mandate_id}`: who sits is public where the committee is; network_admin keeps them."""

import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path, Request

from api.auth.deps import OptionalSubject, hcts_managed
from api.db import ReaderDep, SessionDep, run_check
from api.hcts import service_representatives as service
from api.hcts.models import Mandate

MandateId = Annotated[uuid.UUID, Path(description="The mandate's id.")]


async def _mandate(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    mandate_id: MandateId,
    subject: OptionalSubject,
) -> Mandate:
    check = partial(service.find_mandate, mandate_id=mandate_id, subject=subject)
    return await run_check(request, read, session, check)


async def _shown(
    read: ReaderDep, mandate_id: MandateId, subject: OptionalSubject
) -> tuple[dict[str, Any], int]:
    """A GET's guard and answer in one statement: the mandate's fields and version."""
    return await read(partial(service.read_mandate, mandate_id=mandate_id, subject=subject))


ShownMandate = Annotated[tuple[dict[str, Any], int], Depends(_shown)]
ManagedMandate = Annotated[Mandate, Depends(hcts_managed(_mandate))]
