"""Load a `{seminar_id}` and check who may manage seminars (the network's content)."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject, hcts_managed
from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.db import SessionDep
from api.seminars.models import Seminar
from api.seminars.service import SeminarNotFound, find_seminar

SeminarId = Annotated[uuid.UUID, Path(description="The seminar's id.")]
RegistrationId = Annotated[uuid.UUID, Path(description="The registration's id.")]


async def require_registrations_reader(subject: CurrentSubject) -> Subject:
    if not subject.can_somewhere(Permission.registrations_read):
        raise Forbidden("Only network and committee admins see the registration figures.")
    return subject


RegistrationsReader = Annotated[Subject, Depends(require_registrations_reader)]


def load_seminar(session: SessionDep, seminar_id: SeminarId) -> Seminar:
    """The seminar: every logged-in user may see the network's seminars."""
    seminar = find_seminar(session, seminar_id=seminar_id)
    if seminar is None:
        raise SeminarNotFound()
    return seminar


AnySeminar = Annotated[Seminar, Depends(load_seminar)]
ManagedSeminar = Annotated[Seminar, Depends(hcts_managed(load_seminar))]
