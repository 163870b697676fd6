"""Load-or-404 and permission guards for `{committee_id}` routes."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject, OptionalSubject
from api.auth.permissions import Permission, Subject
from api.committees import service
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.db import SessionDep

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]


def get_readable_committee(
    session: SessionDep, committee_id: CommitteeId, subject: OptionalSubject
) -> Committee:
    return service.get_committee(session, committee_id=committee_id, subject=subject)


ReadableCommittee = Annotated[Committee, Depends(get_readable_committee)]


def _guard(permission: Permission, message: str):  # type: ignore[no-untyped-def]
    def dependency(
        session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> Committee:
        # What the caller cannot see is a 404; what they see but may not change is a 403.
        committee = service.get_committee(session, committee_id=committee_id, subject=subject)
        if not subject.can(permission, committee.id):
            raise Forbidden(message)
        return committee

    return dependency


EditableCommittee = Annotated[
    Committee,
    Depends(_guard(Permission.committee_update, "You do not administer this committee.")),
]
StatusManagedCommittee = Annotated[
    Committee,
    Depends(_guard(Permission.committee_status, "You may not change this committee's status.")),
]
DeletableCommittee = Annotated[
    Committee,
    Depends(_guard(Permission.committee_delete, "Only a network_admin deletes committees.")),
]


async def require_committee_create(subject: CurrentSubject) -> Subject:
    if not subject.can(Permission.committee_create):
        raise Forbidden("Only a network_admin creates committees.")
    return subject


CommitteeCreator = Annotated[Subject, Depends(require_committee_create)]
