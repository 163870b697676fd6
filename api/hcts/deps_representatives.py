"""Load a `{mandate_id}`: who sits is public where the committee is; network_admin keeps them."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import OptionalSubject, hcts_managed
from api.db import SessionDep
from api.hcts import service_representatives as service
from api.hcts.models import Mandate

MandateId = Annotated[uuid.UUID, Path(description="The mandate's id.")]


def _mandate(session: SessionDep, mandate_id: MandateId, subject: OptionalSubject) -> Mandate:
    return service.find_mandate(session, mandate_id=mandate_id, subject=subject)


VisibleMandate = Annotated[Mandate, Depends(_mandate)]
ManagedMandate = Annotated[Mandate, Depends(hcts_managed(_mandate))]
