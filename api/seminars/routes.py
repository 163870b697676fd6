"""Seminars of the network: every logged-in user reads them; network_admin manages them.
Registrations name people: committee admins see their committees', a member their own."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.auth.deps import CurrentSubject, HctsManager, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CREATE,
    CREATE_IN,
    DELETE,
    GUARDED,
    LIST,
    LIST_IN,
    READ_ONE,
    RECORD,
    UPDATE,
    created,
    with_etag,
)
from api.core.schemas import QUERY_INT, QueryBool
from api.db import ReaderDep, SessionDep
from api.idempotency import service as idempotency
from api.idempotency.deps import IdempotencyKey
from api.meetings.schemas import AttendanceStatus
from api.seminars import service, service_registrations
from api.seminars.deps import (
    AnySeminar,
    ExistingSeminarId,
    ManagedSeminar,
    RegistrationId,
    SeminarSummaryShown,
    ShownRegistration,
)
from api.seminars.schemas import (
    AttendanceResult,
    RegistrationCreate,
    RegistrationPage,
    RegistrationPublic,
    SeminarAttendance,
    SeminarCreate,
    SeminarPage,
    SeminarPublic,
    SeminarSummary,
    SeminarUpdate,
)

router = APIRouter(prefix="/seminars", tags=["seminars"], dependencies=login_required)


@router.get("", operation_id="seminars-list", responses=LIST, response_model=SeminarPage)
async def list_seminars(
    read: ReaderDep,
    upcoming: Annotated[
        QueryBool | None,
        Query(description="true: seminars not started yet; false: those that have started."),
    ] = None,
    year: Annotated[
        int | None,
        Query(ge=2000, le=2100, description="Seminars starting that year."),
        QUERY_INT,
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The network's seminars, in order of start time (oldest first)."""
    return await read.page(
        SeminarPage,
        partial(
            service.list_seminars,
            filters=service.SeminarFilters(upcoming=upcoming, year=year),
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post("", status_code=201, operation_id="seminars-create", responses=CREATE)
def create_seminar(
    session: SessionDep,
    _manager: HctsManager,
    body: SeminarCreate,
    request: Request,
    response: Response,
) -> SeminarPublic:
    """Announce a seminar of the network (network_admin)."""
    seminar = service.create_seminar(session, data=body)
    created(request, response, seminar.version, at="seminars-get", seminar_id=seminar.id)
    return SeminarPublic.model_validate(seminar)


@router.get(
    "/{seminar_id}", operation_id="seminars-get", responses=READ_ONE, response_model=SeminarPublic
)
async def get_seminar(seminar: AnySeminar) -> Response:
    """One seminar of the network."""
    return respond(SeminarPublic, seminar, version=seminar.version)


@router.patch("/{seminar_id}", operation_id="seminars-update", responses=UPDATE)
def update_seminar(
    session: SessionDep,
    seminar: ManagedSeminar,
    changes: SeminarUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> SeminarPublic:
    """Change a seminar (network_admin)."""
    updated = service.update_seminar(session, seminar=seminar, data=changes, if_match=if_match)
    return with_etag(response, updated.version, SeminarPublic.model_validate(updated))


@router.delete("/{seminar_id}", status_code=204, operation_id="seminars-delete", responses=DELETE)
def delete_seminar(session: SessionDep, seminar: ManagedSeminar, if_match: IfMatch = None) -> None:
    """Delete a seminar nobody is registered to (409 otherwise)."""
    service.delete_seminar(session, seminar=seminar, if_match=if_match)


@router.get(
    "/{seminar_id}/registrations",
    operation_id="seminars-registrations-list",
    responses=LIST_IN,
    response_model=RegistrationPage,
)
async def list_registrations(
    read: ReaderDep,
    seminar_id: ExistingSeminarId,
    subject: CurrentSubject,
    committee_id: uuid.UUID | None = None,
    status: AttendanceStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Who registered, by name. Personal data: network_admin sees all, a committee's admins
    their committees' registrations, anyone else only their own."""
    return await read.page(
        RegistrationPage,
        partial(
            service_registrations.list_registrations,
            seminar_id=seminar_id,
            subject=subject,
            committee_id=committee_id,
            status=status,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/{seminar_id}/registrations",
    status_code=201,
    operation_id="seminars-registrations-create",
    responses=CREATE_IN,
)
def create_registration(
    session: SessionDep,
    seminar: AnySeminar,
    subject: CurrentSubject,
    body: RegistrationCreate,
    request: Request,
    response: Response,
) -> RegistrationPublic:
    """Register a current member of a committee (its admins), or yourself (409 after the
    deadline or once the seminar has started)."""
    registration, version = service_registrations.register(
        session, seminar=seminar, data=body, subject=subject
    )
    created(
        request,
        response,
        version,
        at="seminars-registrations-get",
        seminar_id=seminar.id,
        registration_id=registration.id,
    )
    return registration


@router.get(
    "/{seminar_id}/registrations/{registration_id}",
    operation_id="seminars-registrations-get",
    responses=READ_ONE,
    response_model=RegistrationPublic,
)
async def get_registration(registration: ShownRegistration) -> Response:
    """One registration, for those who may read it (404 for others)."""
    shown, version = registration
    return respond(RegistrationPublic, shown, version=version)


@router.delete(
    "/{seminar_id}/registrations/{registration_id}",
    status_code=204,
    operation_id="seminars-registrations-delete",
    responses=DELETE,
)
def delete_registration(
    session: SessionDep,
    seminar: AnySeminar,
    registration_id: RegistrationId,
    subject: CurrentSubject,
    if_match: IfMatch = None,
) -> None:
    """Unregister someone before the seminar starts (the same callers as for registering)."""
    service_registrations.unregister(
        session,
        seminar=seminar,
        registration_id=registration_id,
        subject=subject,
        if_match=if_match,
    )


@router.put("/{seminar_id}/attendance", operation_id="seminars-attendance-record", responses=RECORD)
def record_attendance(
    session: SessionDep,
    seminar: ManagedSeminar,
    subject: HctsManager,
    body: SeminarAttendance,
    idempotency_key: IdempotencyKey = None,
) -> AttendanceResult:
    """Record who came, for up to 1,000 registered people at once, all or nothing
    (network_admin). People not listed are left as they are."""
    return idempotency.once(
        session,
        key=idempotency_key,
        user_id=subject.user_id,
        scope=f"PUT /seminars/{seminar.id}/attendance",
        request=body,
        output=AttendanceResult,
        run=partial(
            service_registrations.record_attendance, session, seminar=seminar, items=body.items
        ),
    )


@router.get(
    "/{seminar_id}/summary",
    operation_id="seminars-summary",
    responses=GUARDED,
    response_model=SeminarSummary,
)
async def get_summary(summary: SeminarSummaryShown) -> Response:
    """Registrations counted by committee and status; a committee's admins see their
    committees' lines only."""
    return respond(SeminarSummary, summary)
