"""Guards for members and memberships: personal data, read by the committee's admins only
(and by the person themself, for their own terms). See api.committees.guards."""

import uuid
from typing import Annotated, Any

from fastapi import Depends, Path
from sqlalchemy import Row

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.committees.guards import Child, CommitteeId, child_guard, committee_id_guard
from api.db import ReaderDep
from api.memberships.models import Membership
from api.memberships.service import MembershipNotFound, find_membership
from api.memberships.service_lists import find_member_row

MembershipId = Annotated[uuid.UUID, Path(description="The membership's id.")]
PersonId = Annotated[uuid.UUID, Path(description="The person's id.")]
_MEMBERSHIP = Child("membership_id", MembershipId, find_membership, MembershipNotFound)


# A GET's: the term as it answers (person and version joined), in the guard's one statement.
_MEMBER_ROW = Child("membership_id", MembershipId, find_member_row, MembershipNotFound)


def _own(membership: Membership | Row[Any], subject: Subject) -> bool:
    return subject.person_id is not None and subject.person_id == membership.person_id


_READ = (Permission.members_read, "Only the committee's admins see its members.")
_WRITE = (Permission.members_write, "You do not manage this committee's members.")

# The members list is the hot path (benchmarked): the id only, no query for a committee grant.
_members_readable = committee_id_guard(*_READ)
MembersReadable = Annotated[uuid.UUID, Depends(_members_readable)]


async def _members_readable_unchecked(
    read: ReaderDep, committee_id: CommitteeId, subject: CurrentSubject
) -> uuid.UUID:
    """`MembersReadable` for a GET whose own statement answers a committee that does not
    exist with its 404: whoever holds the permission, network_admin included, costs no query
    here; anyone else gets the guard's 404 or 403."""
    if not subject.can(Permission.members_read, committee_id):
        await _members_readable(read=read, committee_id=committee_id, subject=subject)
    return committee_id


MembersReadableUnchecked = Annotated[uuid.UUID, Depends(_members_readable_unchecked)]
MembersEditable = Annotated[uuid.UUID, Depends(committee_id_guard(*_WRITE))]
ReadableMembership = Annotated[
    Row[Any],
    Depends(
        child_guard(
            _MEMBER_ROW,
            Permission.members_read,
            "You may read only your own memberships.",
            own=_own,
        )
    ),
]
EditableMembership = Annotated[Membership, Depends(child_guard(_MEMBERSHIP, *_WRITE))]
