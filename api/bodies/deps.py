"""Load-or-404 and permission guards for bodies, checked against the body's committee."""

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission
from api.bodies.models import Body
from api.bodies.service import BodyNotFound, find_body
from api.committees import service as committees
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.db import SessionDep

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]
BodyId = Annotated[uuid.UUID, Path(description="The body's id.")]


def committee_guard(permission: Permission, message: str) -> Callable[..., Committee]:
    """The committee, if the caller holds `permission` on it (404 if they cannot see it)."""

    def dependency(
        session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> Committee:
        committee = committees.get_committee(session, committee_id=committee_id, subject=subject)
        if not subject.can(permission, committee.id):
            raise Forbidden(message)
        return committee

    return dependency


def body_guard(permission: Permission, message: str) -> Callable[..., Body]:
    """The body, if the caller holds `permission` on its committee (404 if they cannot see it)."""

    def dependency(session: SessionDep, body_id: BodyId, subject: CurrentSubject) -> Body:
        body = find_body(session, body_id=body_id)
        if body is None:
            raise BodyNotFound()
        committees.get_committee(session, committee_id=body.committee_id, subject=subject)
        if not subject.can(permission, body.committee_id):
            raise Forbidden(message)
        return body

    return dependency


_READ = (Permission.bodies_read, "You may not see this committee's bodies.")
_WRITE = (Permission.bodies_write, "You do not manage this committee's bodies.")

BodiesReadable = Annotated[Committee, Depends(committee_guard(*_READ))]
BodiesEditable = Annotated[Committee, Depends(committee_guard(*_WRITE))]
ReadableBody = Annotated[Body, Depends(body_guard(*_READ))]
EditableBody = Annotated[Body, Depends(body_guard(*_WRITE))]
