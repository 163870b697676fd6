"""Load-or-404 and permission guards for calls, candidatures and the HCTS managers."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject, HctsManager, OptionalSubject, hcts_managed
from api.auth.permissions import Permission
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.hcts import service_calls as service
from api.hcts.models import Call, Candidature
from api.hcts.schemas_calls import CandidaturePublic

CallId = Annotated[uuid.UUID, Path(description="The call's id.")]
CandidatureId = Annotated[uuid.UUID, Path(description="The candidature's id.")]


async def _call(request: Request, read: ReaderDep, session: SessionDep, call_id: CallId) -> Call:
    return await run_check(request, read, session, partial(service.find_call, call_id=call_id))


async def _visible_call(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    call_id: CallId,
    subject: OptionalSubject,
) -> Call:
    check = partial(service.find_visible_call, call_id=call_id, subject=subject)
    return await run_check(request, read, session, check)


ExistingCall = Annotated[Call, Depends(_call)]
# What anonymous callers may read of a call: an open one (a closed one is their 404).
VisibleCall = Annotated[Call, Depends(_visible_call)]
ManagedCall = Annotated[Call, Depends(hcts_managed(_call))]


async def _readable_candidature(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    call_id: CallId,
    candidature_id: CandidatureId,
    subject: CurrentSubject,
) -> Candidature:
    check = partial(
        service.find_candidature, call_id=call_id, candidature_id=candidature_id, subject=subject
    )
    return await run_check(request, read, session, check)


ReadableCandidature = Annotated[Candidature, Depends(_readable_candidature)]


async def _shown_candidature(
    read: ReaderDep, call_id: CallId, candidature_id: CandidatureId, subject: CurrentSubject
) -> tuple[CandidaturePublic, int]:
    """A GET's guard and answer in one statement: the candidature and its version."""
    return await read(
        partial(
            service.read_candidature,
            call_id=call_id,
            candidature_id=candidature_id,
            subject=subject,
        )
    )


ShownCandidature = Annotated[tuple[CandidaturePublic, int], Depends(_shown_candidature)]


async def _withdrawable_candidature(
    candidature: ReadableCandidature, subject: CurrentSubject
) -> Candidature:
    if not subject.can(Permission.candidatures_write, candidature.committee_id):
        raise Forbidden("You do not manage this committee's candidatures.")
    return candidature


def _decidable_candidature(
    session: SessionDep,
    call_id: CallId,
    candidature_id: CandidatureId,
    manager: HctsManager,
) -> Candidature:
    return service.find_candidature(
        session, call_id=call_id, candidature_id=candidature_id, subject=manager
    )


WithdrawableCandidature = Annotated[Candidature, Depends(_withdrawable_candidature)]
DecidableCandidature = Annotated[Candidature, Depends(_decidable_candidature)]
