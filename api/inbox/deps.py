"""Load `{committee_id}` and check the caller may read (and so mark) its inbox."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission
from api.committees import service as committees
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.db import SessionDep

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]


def inbox_committee(
    session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
) -> Committee:
    """The committee, if the caller holds `inbox:read` on it (404 if they cannot see it)."""
    committee = committees.get_committee(session, committee_id=committee_id, subject=subject)
    if not subject.can(Permission.inbox_read, committee.id):
        raise Forbidden("Only the committee's admins see its inbox.")
    return committee


InboxCommittee = Annotated[Committee, Depends(inbox_committee)]
