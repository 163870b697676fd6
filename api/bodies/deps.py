"""Guards for bodies, checked against the body's committee (see api.committees.guards)."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import OptionalSubject
from api.auth.permissions import Permission
from api.bodies.models import Body
from api.bodies.service import BodyNotFound, find_body
from api.committees.guards import Child, CommitteeId, child_guard, committee_guard, may_see
from api.committees.models import Committee
from api.committees.service import CommitteeNotFound
from api.db import ReaderDep

BodyId = Annotated[uuid.UUID, Path(description="The body's id.")]
_BODY = Child("body_id", BodyId, find_body, BodyNotFound)

_READ = (Permission.bodies_read, "You may not see this committee's bodies.")
_WRITE = (Permission.bodies_write, "You do not manage this committee's bodies.")

BodiesEditable = Annotated[Committee, Depends(committee_guard(*_WRITE))]


async def _committee_seen(
    read: ReaderDep, committee_id: CommitteeId, subject: OptionalSubject
) -> uuid.UUID:
    """The committee of a bodies list, if the caller may see it (else its 404). No query for
    whoever holds a grant on it, which proves it exists; network_admin's list answers a
    committee that does not exist with its 404 (`service.list_bodies`)."""
    if subject is None or not subject.can(Permission.committee_read, committee_id):
        seen = partial(may_see, committee_id=committee_id, subject=subject)
        if not await read.using_session(seen):
            raise CommitteeNotFound()
    return committee_id


# Bodies are named publicly: whoever may see the committee reads its list.
CommitteeOfBodies = Annotated[uuid.UUID, Depends(_committee_seen)]
ReadableBody = Annotated[Body, Depends(child_guard(_BODY, *_READ))]
EditableBody = Annotated[Body, Depends(child_guard(_BODY, *_WRITE))]
