"""Guards for programmes and what hangs from them (action, deliverable, indicator): each is
reached through its programme, whose committee holds the permission (see
api.committees.guards). Published programmes are readable by whoever sees the committee."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.committees.guards import Child, child_guard, committee_guard, may_see
from api.committees.models import Committee
from api.core.problems import Forbidden
from api.programmes import service_actions as actions
from api.programmes import service_board as boards
from api.programmes import service_deliverables as deliverables
from api.programmes import service_indicators as indicators
from api.programmes.models import Action, Deliverable, Indicator, WorkProgramme
from api.programmes.service import (
    PUBLISHED,
    ActionNotFound,
    Answer,
    ProgrammeNotFound,
    find_programme,
    find_with_programme,
)
from api.programmes.service_board import Board
from api.programmes.service_deliverables import DeliverableNotFound
from api.programmes.service_indicators import IndicatorNotFound

ProgrammeId = Annotated[uuid.UUID, Path(description="The work programme's id.")]
ActionId = Annotated[uuid.UUID, Path(description="The action's id.")]
DeliverableId = Annotated[uuid.UUID, Path(description="The deliverable's id.")]
IndicatorId = Annotated[uuid.UUID, Path(description="The indicator's id.")]


def can_read(session: Session, programme: WorkProgramme, subject: Subject | None) -> bool:
    """Members and admins of the committee read every programme; anyone who may see the
    committee (anonymous callers: public committees) reads the validated ones."""
    return _may_read(session, programme.committee_id, programme.status, subject)


def _may_read(
    session: Session, committee_id: uuid.UUID, status: str, subject: Subject | None
) -> bool:
    if subject is not None and subject.can(Permission.programmes_read, committee_id):
        return True
    return status in PUBLISHED and may_see(session, committee_id, subject)


@dataclass(frozen=True)
class InProgramme:
    programme: WorkProgramme


@dataclass(frozen=True)
class ActionInProgramme(InProgramme):
    action: Action


@dataclass(frozen=True)
class DeliverableInProgramme(InProgramme):
    deliverable: Deliverable


@dataclass(frozen=True)
class IndicatorInProgramme(InProgramme):
    indicator: Indicator


def _action(session: Session, *, action_id: uuid.UUID) -> ActionInProgramme | None:
    found = find_with_programme(session, Action, item_id=action_id)
    return ActionInProgramme(found[1], found[0]) if found is not None else None


def _deliverable(session: Session, *, deliverable_id: uuid.UUID) -> DeliverableInProgramme | None:
    found = find_with_programme(session, Deliverable, item_id=deliverable_id)
    return DeliverableInProgramme(found[1], found[0]) if found is not None else None


def _indicator(session: Session, *, indicator_id: uuid.UUID) -> IndicatorInProgramme | None:
    found = find_with_programme(session, Indicator, item_id=indicator_id)
    return IndicatorInProgramme(found[1], found[0]) if found is not None else None


def _committee_of(found: InProgramme) -> uuid.UUID:
    return found.programme.committee_id


def _readable(session: Session, found: InProgramme, subject: Subject | None) -> bool:
    return can_read(session, found.programme, subject)


def _answer_readable(session: Session, found: Answer | Board, subject: Subject | None) -> bool:
    return _may_read(session, found.committee_id, found.programme_status, subject)


_PROGRAMME = Child("programme_id", ProgrammeId, find_programme, ProgrammeNotFound, visible=can_read)
# What hangs from a programme is seen, and belongs to a committee, through it.
_VIA = (_committee_of, _readable)
_ACTION = Child("action_id", ActionId, _action, ActionNotFound, *_VIA)
_DELIVERABLE = Child("deliverable_id", DeliverableId, _deliverable, DeliverableNotFound, *_VIA)
_INDICATOR = Child("indicator_id", IndicatorId, _indicator, IndicatorNotFound, *_VIA)
# A GET's: what the guard loads is the answer (`service.Answer`, one prebuilt statement; the
# board's four); the lists under an action or an indicator take its id from it (a Core row
# where the ORM guards above load two objects).
_SEEN = _answer_readable
_ACTION_ANSWER = Child("action_id", ActionId, actions.find_answer, ActionNotFound, visible=_SEEN)
_DELIVERABLE_ANSWER = Child(
    "deliverable_id", DeliverableId, deliverables.find_answer, DeliverableNotFound, visible=_SEEN
)
_INDICATOR_ANSWER = Child(
    "indicator_id", IndicatorId, indicators.find_answer, IndicatorNotFound, visible=_SEEN
)
_BOARD = Child("programme_id", ProgrammeId, boards.find_board, ProgrammeNotFound, visible=_SEEN)
_WRITE = (Permission.programmes_write, "You do not administer this committee's programmes.")

ReadableProgramme = Annotated[WorkProgramme, Depends(child_guard(_PROGRAMME, None))]
WritableProgramme = Annotated[WorkProgramme, Depends(child_guard(_PROGRAMME, *_WRITE))]
WritableAction = Annotated[ActionInProgramme, Depends(child_guard(_ACTION, *_WRITE))]
WritableDeliverable = Annotated[DeliverableInProgramme, Depends(child_guard(_DELIVERABLE, *_WRITE))]
WritableIndicator = Annotated[IndicatorInProgramme, Depends(child_guard(_INDICATOR, *_WRITE))]
ReadableBoard = Annotated[Board, Depends(child_guard(_BOARD, None))]
ReadableActionAnswer = Annotated[Answer, Depends(child_guard(_ACTION_ANSWER, None))]
ReadableDeliverableAnswer = Annotated[Answer, Depends(child_guard(_DELIVERABLE_ANSWER, None))]
ReadableIndicatorAnswer = Annotated[Answer, Depends(child_guard(_INDICATOR_ANSWER, None))]
ProgrammeCommittee = Annotated[Committee, Depends(committee_guard(*_WRITE))]


async def _tags_writer(subject: CurrentSubject) -> Subject:
    if not subject.can(Permission.tags_write):
        raise Forbidden("Only a network_admin extends the tag list.")
    return subject


TagsWriter = Annotated[Subject, Depends(_tags_writer)]
