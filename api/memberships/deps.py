"""Guards for members and memberships: personal data, read by the committee's admins only
(and by the person themself, for their own terms)."""

import uuid
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path
from sqlalchemy import Connection
from sqlmodel import Session

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep
from api.memberships.models import Membership
from api.memberships.service import MembershipNotFound, find_membership

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]
MembershipId = Annotated[uuid.UUID, Path(description="The membership's id.")]
PersonId = Annotated[uuid.UUID, Path(description="The person's id.")]


def committee_guard(
    permission: Permission, message: str
) -> Callable[..., Coroutine[Any, Any, uuid.UUID]]:
    """The committee's id, if the caller holds `permission` on it.

    The members list is the hot path: a committee-scoped grant already proves the committee
    exists (its foreign key cascades), so only network_admin pays an existence query, and the
    committee row (with its territories) is loaded only to tell a 404 from a 403."""

    async def dependency(
        read: ReaderDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> uuid.UUID:
        # `async`: the hot path touches no database, so it costs no worker-thread hop.
        if subject.can(permission, committee_id) and not subject.is_network_admin:
            return committee_id
        await read(partial(_check, committee_id=committee_id, subject=subject))
        return committee_id

    def _check(connection: Connection, *, committee_id: uuid.UUID, subject: Subject) -> None:
        with Session(bind=connection) as session:
            _check_in(session, committee_id, subject)

    def _check_in(session: Session, committee_id: uuid.UUID, subject: Subject) -> None:
        if subject.can(permission, committee_id):
            if not committees.committee_exists(session, committee_id=committee_id):
                raise committees.CommitteeNotFound()
            return
        committees.get_committee(session, committee_id=committee_id, subject=subject)
        raise Forbidden(message)

    return dependency


def membership_guard(
    permission: Permission, message: str, *, own: bool
) -> Callable[..., Membership]:
    """The membership, if the caller holds `permission` on its committee, or if `own` and
    it is the caller's own term. One of a committee they cannot see is a 404."""

    def dependency(
        session: SessionDep, membership_id: MembershipId, subject: CurrentSubject
    ) -> Membership:
        membership = find_membership(session, membership_id=membership_id)
        if membership is None:
            raise MembershipNotFound()
        if own and subject.person_id is not None and subject.person_id == membership.person_id:
            return membership
        if subject.can(permission, membership.committee_id):
            return membership
        committees.get_committee(session, committee_id=membership.committee_id, subject=subject)
        raise Forbidden(message)

    return dependency


MembersReadable = Annotated[
    uuid.UUID,
    Depends(
        committee_guard(Permission.members_read, "Only the committee's admins see its members.")
    ),
]
MembersEditable = Annotated[
    uuid.UUID,
    Depends(
        committee_guard(Permission.members_write, "You do not manage this committee's members.")
    ),
]
ReadableMembership = Annotated[
    Membership,
    Depends(
        membership_guard(
            Permission.members_read, "You may read only your own memberships.", own=True
        )
    ),
]
EditableMembership = Annotated[
    Membership,
    Depends(
        membership_guard(
            Permission.members_write, "You do not manage this committee's members.", own=False
        )
    ),
]
