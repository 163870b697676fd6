"""Load a programme or an action and check the caller's permission on its committee."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from api.auth.deps import CurrentSubject, OptionalSubject
from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.committees.deps import CommitteeId
from api.committees.models import Committee
from api.core.problems import Forbidden, Unauthorized
from api.db import SessionDep
from api.programmes.models import Action, WorkProgramme
from api.programmes.service import (
    PUBLISHED,
    ActionNotFound,
    ProgrammeNotFound,
    find_action,
    find_programme,
)

ProgrammeId = Annotated[uuid.UUID, Path(description="The work programme's id.")]
ActionId = Annotated[uuid.UUID, Path(description="The action's id.")]


def can_read(session: Session, programme: WorkProgramme, subject: Subject | None) -> bool:
    """Members and admins of the committee read every programme; anyone who may see the
    committee (anonymous callers: public committees) reads the validated ones."""
    if subject is not None and subject.can(Permission.programmes_read, programme.committee_id):
        return True
    if programme.status not in PUBLISHED:
        return False
    try:
        committees.get_committee(session, committee_id=programme.committee_id, subject=subject)
    except committees.CommitteeNotFound:
        return False
    return True


def _readable(
    session: SessionDep, programme_id: ProgrammeId, subject: OptionalSubject
) -> WorkProgramme:
    programme = find_programme(session, programme_id=programme_id)
    if programme is None or not can_read(session, programme, subject):
        raise ProgrammeNotFound()
    return programme


def _writable(
    session: SessionDep, programme_id: ProgrammeId, subject: CurrentSubject
) -> WorkProgramme:
    programme = _readable(session, programme_id, subject)
    if not subject.can(Permission.programmes_write, programme.committee_id):
        raise Forbidden("You do not administer this committee's programmes.")
    return programme


ReadableProgramme = Annotated[WorkProgramme, Depends(_readable)]
WritableProgramme = Annotated[WorkProgramme, Depends(_writable)]


@dataclass(frozen=True)
class ActionInProgramme:
    action: Action
    programme: WorkProgramme


def _action(write: bool) -> Callable[..., ActionInProgramme]:
    def dependency(
        session: SessionDep, action_id: ActionId, subject: OptionalSubject
    ) -> ActionInProgramme:
        action = find_action(session, action_id=action_id)
        if action is None:
            raise ActionNotFound()
        programme = find_programme(session, programme_id=action.programme_id)
        if programme is None or not can_read(session, programme, subject):
            raise ActionNotFound()
        if write:
            if subject is None:
                raise Unauthorized("Authentication is required.", error="")
            if not subject.can(Permission.programmes_write, programme.committee_id):
                raise Forbidden("You do not administer this committee's programmes.")
        return ActionInProgramme(action=action, programme=programme)

    return dependency


ReadableAction = Annotated[ActionInProgramme, Depends(_action(write=False))]
WritableAction = Annotated[ActionInProgramme, Depends(_action(write=True))]


def _programme_committee(
    session: SessionDep, committee_id: CommitteeId, subject: CurrentSubject
) -> Committee:
    # What the caller cannot see is a 404; what they see but may not change is a 403.
    committee = committees.get_committee(session, committee_id=committee_id, subject=subject)
    if not subject.can(Permission.programmes_write, committee.id):
        raise Forbidden("You do not administer this committee's programmes.")
    return committee


ProgrammeCommittee = Annotated[Committee, Depends(_programme_committee)]


async def _tags_writer(subject: CurrentSubject) -> Subject:
    if not subject.can(Permission.tags_write):
        raise Forbidden("Only a network_admin extends the tag list.")
    return subject


TagsWriter = Annotated[Subject, Depends(_tags_writer)]
