"""Load a `{seminar_id}` and check who may manage seminars (the network's content)."""

import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from sqlmodel import Session

from api.auth.deps import CurrentSubject, hcts_managed
from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.seminars.models import Seminar
from api.seminars.service import SeminarNotFound, existing_seminar, find_seminar, read_summary
from api.seminars.service_registrations import read_registration

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


async def _existing_seminar(read: ReaderDep, seminar_id: SeminarId) -> uuid.UUID:
    """A GET's guard of the seminar: its id, if it exists (no ORM object)."""
    return await read(partial(existing_seminar, seminar_id=seminar_id))


ExistingSeminarId = Annotated[uuid.UUID, Depends(_existing_seminar)]
ManagedSeminar = Annotated[Seminar, Depends(hcts_managed(load_seminar))]


async def _shown_registration(
    read: ReaderDep,
    registration_id: RegistrationId,
    seminar_id: SeminarId,
    subject: CurrentSubject,
) -> tuple[dict[str, Any], int]:
    """A GET's guards (the seminar's, the registration's) and answer in one statement. (The
    parameters in the order the API documents them.)"""
    check = partial(
        read_registration, seminar_id=seminar_id, registration_id=registration_id, subject=subject
    )
    return await read(check)


ShownRegistration = Annotated[tuple[dict[str, Any], int], Depends(_shown_registration)]


async def _summary(
    read: ReaderDep, subject: RegistrationsReader, seminar_id: SeminarId
) -> dict[str, Any]:
    """The seminar's guard and its summary (`SeminarSummary`'s fields) in one statement."""
    return await read(partial(read_summary, seminar_id=seminar_id, subject=subject))


SeminarSummaryShown = Annotated[dict[str, Any], Depends(_summary)]
