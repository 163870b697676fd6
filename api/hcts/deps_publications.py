"""Guards for HCTS axes, publications and relays: HCTS content is written by network admins
only; drafts are invisible (404) to everyone else."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject, OptionalSubject, hcts_managed
from api.db import SessionDep
from api.hcts import service_publications as service
from api.hcts import service_relays
from api.hcts.models import Axis, Publication, Relay

AxisId = Annotated[uuid.UUID, Path(description="The HCTS axis's id.")]
PublicationId = Annotated[uuid.UUID, Path(description="The HCTS publication's id.")]
RelayId = Annotated[uuid.UUID, Path(description="The relay's id.")]


def _axis(session: SessionDep, axis_id: AxisId) -> Axis:
    return service.get_axis(session, axis_id=axis_id)


CurrentAxis = Annotated[Axis, Depends(_axis)]
ManagedAxis = Annotated[Axis, Depends(hcts_managed(_axis))]


def _readable(
    session: SessionDep, publication_id: PublicationId, subject: OptionalSubject
) -> Publication:
    publication = service.find_publication(session, publication_id=publication_id)
    if publication is None or (
        publication.status != "published" and not service.may_see_drafts(subject)
    ):
        raise service.PublicationNotFound()
    return publication


ReadablePublication = Annotated[Publication, Depends(_readable)]
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
