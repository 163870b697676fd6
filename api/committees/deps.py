"""The committee routes' own guards, declared from `api.committees.guards`."""

from typing import Annotated

from fastapi import Depends

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.committees.guards import CommitteeId, ReadableCommitteeId, committee_guard
from api.committees.models import Committee
from api.core.problems import Forbidden

# Other domains import these two from here as well as from guards.
__all__ = ["CommitteeId", "ReadableCommitteeId"]

EditableCommittee = Annotated[
    Committee,
    Depends(committee_guard(Permission.committee_update, "You do not administer this committee.")),
]
StatusManagedCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.committee_status, "You may not change this committee's status.")
    ),
]
DeletableCommittee = Annotated[
    Committee,
    Depends(
        committee_guard(Permission.committee_delete, "Only a network_admin deletes committees.")
    ),
]


async def require_committee_create(subject: CurrentSubject) -> Subject:
    if not subject.can(Permission.committee_create):
        raise Forbidden("Only a network_admin creates committees.")
    return subject


CommitteeCreator = Annotated[Subject, Depends(require_committee_create)]
