"""Load a `{seminar_id}` and check who may manage seminars (the network's content)."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from api.auth.deps import CurrentSubject, hcts_managed
from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.seminars.models import Seminar
from api.seminars.service import SeminarNotFound, find_seminar

SeminarId = Annotated[uuid.UUID, Path(description="The seminar's id.")]
RegistrationId = Annotated[uuid.UUID, Path(description="The registration's id.")]


async def require_registrations_reader(subject: CurrentSubject) -> Subject:
    if not subject.can_somewhere(Permission.registrations_read):
        raise Forbidden("Only network and committee admins see the registration figures.")
    return subject


RegistrationsReader = Annotated[Subject, Depends(require_registrations_reader)]


def _seminar(session: Session, *, seminar_id: uuid.UUID) -> Seminar:
    seminar = find_seminar(session, seminar_id=seminar_id)
    if seminar is None:
        raise SeminarNotFound()
    return seminar


async def load_seminar(
    request: Request, read: ReaderDep, session: SessionDep, seminar_id: SeminarId
) -> Seminar:
    """The seminar: every logged-in user may see the network's seminars."""
    return await run_check(request, read, session, partial(_seminar, seminar_id=seminar_id))


AnySeminar = Annotated[Seminar, Depends(load_seminar)]
ManagedSeminar = Annotated[Seminar, Depends(hcts_managed(load_seminar))]
