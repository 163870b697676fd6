"""Guards for HCTS axes, publications and relays: HCTS content is written by network admins
only; drafts are invisible (404) to everyone else."""

import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from sqlmodel import Session

from api.auth.deps import CurrentSubject, OptionalSubject, hcts_managed
from api.auth.permissions import Subject
from api.db import ReaderDep, SessionDep, run_check
from api.hcts import service_publications as service
from api.hcts import service_relays
from api.hcts.models import Axis, Publication, Relay

AxisId = Annotated[uuid.UUID, Path(description="The HCTS axis's id.")]
PublicationId = Annotated[uuid.UUID, Path(description="The HCTS publication's id.")]
RelayId = Annotated[uuid.UUID, Path(description="The relay's id.")]


async def _axis(request: Request, read: ReaderDep, session: SessionDep, axis_id: AxisId) -> Axis:
    return await run_check(request, read, session, partial(service.get_axis, axis_id=axis_id))


CurrentAxis = Annotated[Axis, Depends(_axis)]
ManagedAxis = Annotated[Axis, Depends(hcts_managed(_axis))]


def _readable_publication(
    session: Session, *, publication_id: uuid.UUID, subject: Subject | None
) -> Publication:
    publication = service.find_publication(session, publication_id=publication_id)
    if publication is None or (
        publication.status != "published" and not service.may_see_drafts(subject)
    ):
        raise service.PublicationNotFound()
    return publication


async def _readable(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    publication_id: PublicationId,
    subject: OptionalSubject,
) -> Publication:
    check = partial(_readable_publication, publication_id=publication_id, subject=subject)
    return await run_check(request, read, session, check)


ReadablePublication = Annotated[Publication, Depends(_readable)]


async def _shown(
    read: ReaderDep, publication_id: PublicationId, subject: OptionalSubject
) -> dict[str, Any]:
    """A GET's guard and answer in one statement: the publication's fields and version."""
    found = await read(partial(service.read_publication, publication_id=publication_id))
    if found is None or (found["status"] != "published" and not service.may_see_drafts(subject)):
        raise service.PublicationNotFound()
    return found


ShownPublication = Annotated[dict[str, Any], Depends(_shown)]
ManagedPublication = Annotated[Publication, Depends(hcts_managed(_readable))]


def _relay(
    session: SessionDep,
    publication: ReadablePublication,
    relay_id: RelayId,
    subject: CurrentSubject,
) -> Relay:
    return service_relays.get_relay(
        session, publication_id=publication.id, relay_id=relay_id, subject=subject
    )


VisibleRelay = Annotated[Relay, Depends(_relay)]
