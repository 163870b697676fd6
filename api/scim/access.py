"""Who may use SCIM: a machine client with `members:read` (and `members:write` to write), on
the committees it is bound to, or a network_admin on all of them. Anyone else: 403."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.scim.errors import ScimError


@dataclass(frozen=True)
class Caller:
    subject: Subject
    # The committees whose people and bodies it reads / writes; None: all of them.
    readable: frozenset[uuid.UUID] | None
    writable: frozenset[uuid.UUID] | None

    def reads(self, committee_id: uuid.UUID) -> bool:
        return self.readable is None or committee_id in self.readable

    def writes(self, committee_id: uuid.UUID) -> bool:
        return self.writable is None or committee_id in self.writable

    def only_committee(self) -> uuid.UUID | None:
        """The one committee it writes to, if it writes to exactly one: the default of a
        creation that names none."""
        if self.writable is not None and len(self.writable) == 1:
            return next(iter(self.writable))
        return None


def _caller(subject: Subject) -> Caller:
    if subject.is_network_admin:
        return Caller(subject, None, None)
    if subject.client_id is None:
        raise ScimError(403, "SCIM is for machine clients and network administrators.")
    return Caller(
        subject,
        subject.committees_where(Permission.people_read),
        subject.committees_where(Permission.people_write),
    )


async def get_reader(subject: CurrentSubject) -> Caller:
    caller = _caller(subject)
    if caller.readable is not None and not caller.readable:
        raise ScimError(403, "This client lacks the members:read scope.")
    return caller


async def get_writer(subject: CurrentSubject) -> Caller:
    caller = await get_reader(subject)  # a write answers the resource written
    if caller.writable is not None and not caller.writable:
        raise ScimError(403, "This client lacks the members:write scope.")
    return caller


ScimReader = Annotated[Caller, Depends(get_reader)]
ScimWriter = Annotated[Caller, Depends(get_writer)]
