"""Load-or-404 and permission guards for calls, candidatures and the HCTS managers."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject, HctsManager, OptionalSubject, hcts_managed
from api.auth.permissions import Permission
from api.core.problems import Forbidden
from api.db import SessionDep
from api.hcts import service_calls as service
from api.hcts.models import Call, Candidature

CallId = Annotated[uuid.UUID, Path(description="The call's id.")]
CandidatureId = Annotated[uuid.UUID, Path(description="The candidature's id.")]


def _call(session: SessionDep, call_id: CallId) -> Call:
    return service.find_call(session, call_id=call_id)


def _visible_call(session: SessionDep, call_id: CallId, subject: OptionalSubject) -> Call:
    return service.find_visible_call(session, call_id=call_id, subject=subject)


ExistingCall = Annotated[Call, Depends(_call)]
# What anonymous callers may read of a call: an open one (a closed one is their 404).
VisibleCall = Annotated[Call, Depends(_visible_call)]
ManagedCall = Annotated[Call, Depends(hcts_managed(_call))]


def _readable_candidature(
    session: SessionDep,
    call_id: CallId,
    candidature_id: CandidatureId,
    subject: CurrentSubject,
) -> Candidature:
    return service.find_candidature(
        session, call_id=call_id, candidature_id=candidature_id, subject=subject
    )


def _withdrawable_candidature(
    session: SessionDep,
    call_id: CallId,
    candidature_id: CandidatureId,
    subject: CurrentSubject,
) -> Candidature:
    candidature = _readable_candidature(session, call_id, candidature_id, subject)
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


ReadableCandidature = Annotated[Candidature, Depends(_readable_candidature)]
WithdrawableCandidature = Annotated[Candidature, Depends(_withdrawable_candidature)]
DecidableCandidature = Annotated[Candidature, Depends(_decidable_candidature)]
