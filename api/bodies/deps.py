"""Guards for bodies, checked against the body's committee (see api.committees.guards)."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.permissions import Permission
from api.bodies.models import Body
from api.bodies.service import BodyNotFound, find_body
from api.committees.guards import Child, child_guard, committee_guard, readable_committee_id
from api.committees.models import Committee

BodyId = Annotated[uuid.UUID, Path(description="The body's id.")]
_BODY = Child("body_id", BodyId, find_body, BodyNotFound)

_READ = (Permission.bodies_read, "You may not see this committee's bodies.")
_WRITE = (Permission.bodies_write, "You do not manage this committee's bodies.")

BodiesEditable = Annotated[Committee, Depends(committee_guard(*_WRITE))]


# Bodies are named publicly: whoever may see the committee reads its list.
CommitteeOfBodies = Annotated[uuid.UUID, Depends(readable_committee_id(page_tells_missing=True))]
ReadableBody = Annotated[Body, Depends(child_guard(_BODY, *_READ))]
EditableBody = Annotated[Body, Depends(child_guard(_BODY, *_WRITE))]
