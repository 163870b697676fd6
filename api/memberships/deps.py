"""Guards for members and memberships: personal data, read by the committee's admins only
(and by the person themself, for their own terms). See api.committees.guards."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.permissions import Permission, Subject
from api.committees.guards import Child, child_guard, committee_id_guard
from api.memberships.models import Membership
from api.memberships.service import MembershipNotFound, find_membership

MembershipId = Annotated[uuid.UUID, Path(description="The membership's id.")]
PersonId = Annotated[uuid.UUID, Path(description="The person's id.")]
_MEMBERSHIP = Child("membership_id", MembershipId, find_membership, MembershipNotFound)


def _own(membership: Membership, subject: Subject) -> bool:
    return subject.person_id is not None and subject.person_id == membership.person_id


_READ = (Permission.members_read, "Only the committee's admins see its members.")
_WRITE = (Permission.members_write, "You do not manage this committee's members.")

# The members list is the hot path (benchmarked): the id only, no query for a committee grant.
MembersReadable = Annotated[uuid.UUID, Depends(committee_id_guard(*_READ))]
MembersEditable = Annotated[uuid.UUID, Depends(committee_id_guard(*_WRITE))]
ReadableMembership = Annotated[
    Membership,
    Depends(
        child_guard(
            _MEMBERSHIP,
            Permission.members_read,
            "You may read only your own memberships.",
            own=_own,
        )
    ),
]
EditableMembership = Annotated[Membership, Depends(child_guard(_MEMBERSHIP, *_WRITE))]
