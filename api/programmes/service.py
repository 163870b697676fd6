"""Work programmes. The lock rule and what the sub-resources share are at the top."""

import uuid

from sqlmodel import Session

from api.core.problems import Conflict, NotFound
from api.programmes.models import Action, WorkProgramme

# What the COPIL validated is what is shown: content changes only before validation.
CONTENT_EDITABLE = frozenset({"draft", "proposed"})
# Progress (deliverable status, measurements) is tracked until the programme is closed.
TRACKABLE = frozenset({"draft", "proposed", "validated", "in_progress"})
# Visible to anyone who may see the committee once validated (anonymous for public ones).
PUBLISHED = frozenset({"validated", "in_progress", "closed"})


class ProgrammeNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No work programme with this id.")


class ActionNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No action with this id.")


class ProgrammeLocked(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"The programme is {status}: its content cannot change; move it back to "
            "'proposed' first."
        )


class ProgrammeClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("The programme is closed: nothing more can be recorded on it.")


def find_programme(session: Session, *, programme_id: uuid.UUID) -> WorkProgramme | None:
    return session.get(WorkProgramme, programme_id)


def find_action(session: Session, *, action_id: uuid.UUID) -> Action | None:
    return session.get(Action, action_id)


def ensure_content_editable(programme: WorkProgramme) -> None:
    if programme.status not in CONTENT_EDITABLE:
        raise ProgrammeLocked(programme.status)


def ensure_trackable(programme: WorkProgramme) -> None:
    if programme.status not in TRACKABLE:
        raise ProgrammeClosed()
