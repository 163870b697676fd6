"""HCTS axes and publications (public reads, network_admin writes) and the committees'
relays of them."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from api.auth.deps import CurrentSubject, HctsManager, OptionalSubject, PublicRouter, login_required
from api.committees.guards import ReadableCommitteeId
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CHANGE,
    CREATE,
    CREATE_IN,
    CREATE_UNIQUE,
    DELETE,
    LIST,
    LIST_IN,
    READ_ONE,
    REMOVE,
    TRANSITION,
    UPDATE,
    created,
    with_etag,
)
from api.core.schemas import QUERY_INT, IsoDate
from api.db import ReaderDep, SessionDep
from api.hcts import service_publications as service
from api.hcts import service_relays
from api.hcts.deps_publications import (
    CurrentAxis,
    ManagedAxis,
    ManagedPublication,
    ReadablePublication,
    ShownPublication,
    VisibleRelay,
)
from api.hcts.models import Publication
from api.hcts.schemas_publications import (
    AxisCreate,
    AxisPage,
    AxisPublic,
    AxisUpdate,
    PublicationCreate,
    PublicationKind,
    PublicationPage,
    PublicationPublic,
    PublicationStatus,
    PublicationUpdate,
    RelayCreate,
    RelayPage,
    RelayPublic,
)

public_router = PublicRouter(tags=["hcts"])
router = APIRouter(tags=["hcts"], dependencies=login_required)

AXES = "/hcts/axes"
PUBLICATIONS = "/hcts/publications"
Year = Annotated[
    int | None,
    Query(ge=1900, le=2100, description="Only the axes in force that year."),
    QUERY_INT,
]

# --- axes -----------------------------------------------------------------------------------


@public_router.get(AXES, operation_id="hcts-axes-list", responses=LIST, response_model=AxisPage)
async def list_axes(
    read: ReaderDep, year: Year = None, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The HCTS work-programme axes, by first year and position."""
    return await read.page(
        AxisPage, partial(service.list_axes, year=year, limit=limit, cursor=cursor)
    )


@router.post(AXES, status_code=201, operation_id="hcts-axes-create", responses=CREATE_UNIQUE)
def create_axis(
    session: SessionDep,
    _subject: HctsManager,
    body: AxisCreate,
    request: Request,
    response: Response,
) -> AxisPublic:
    """A new HCTS axis (its code is unique)."""
    axis = service.create_axis(session, data=body)
    created(request, response, axis.version, at="hcts-axes-get", axis_id=axis.id)
    return service.to_axis_public(axis)


@public_router.get(
    AXES + "/{axis_id}", operation_id="hcts-axes-get", responses=READ_ONE, response_model=AxisPublic
)
async def get_axis(axis: CurrentAxis) -> Response:
    """One HCTS axis."""
    return respond(AxisPublic, axis, version=axis.version)


@router.patch(AXES + "/{axis_id}", operation_id="hcts-axes-update", responses=CHANGE)
def update_axis(
    session: SessionDep,
    axis: ManagedAxis,
    body: AxisUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> AxisPublic:
    """Change an axis: only the fields sent."""
    axis = service.update_axis(session, axis=axis, data=body, if_match=if_match)
    return with_etag(response, axis.version, service.to_axis_public(axis))


@router.delete(
    AXES + "/{axis_id}", status_code=204, operation_id="hcts-axes-delete", responses=DELETE
)
def delete_axis(session: SessionDep, axis: ManagedAxis, if_match: IfMatch = None) -> None:
    """Delete an axis no publication or call refers to (409 otherwise)."""
    service.delete_axis(session, axis=axis, if_match=if_match)


def _shown(session: Session, response: Response, publication: Publication) -> PublicationPublic:
    """The publication with its relay count, sent with its ETag."""
    return with_etag(
        response, publication.version, service.to_publication_public(session, publication)
    )


# --- publications ---------------------------------------------------------------------------


@public_router.get(
    PUBLICATIONS,
    operation_id="hcts-publications-list",
    responses=LIST,
    response_model=PublicationPage,
)
async def list_publications(
    read: ReaderDep,
    subject: OptionalSubject,
    kind: PublicationKind | None = None,
    status: Annotated[
        PublicationStatus | None, Query(description="Drafts are listed to network admins only.")
    ] = None,
    axis_id: uuid.UUID | None = None,
    published_from: Annotated[IsoDate | None, Query(description="`published_on` from.")] = None,
    published_to: Annotated[IsoDate | None, Query(description="`published_on` until.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """HCTS publications, newest first, with how many committees relayed each."""
    filters = service.PublicationFilters(
        kind=kind,
        status=status,
        axis_id=axis_id,
        published_from=published_from,
        published_to=published_to,
    )
    return await read.page(
        PublicationPage,
        partial(
            service.list_publications, subject=subject, filters=filters, limit=limit, cursor=cursor
        ),
    )


@router.post(
    PUBLICATIONS, status_code=201, operation_id="hcts-publications-create", responses=CREATE
)
def create_publication(
    session: SessionDep,
    _subject: HctsManager,
    body: PublicationCreate,
    request: Request,
    response: Response,
) -> PublicationPublic:
    """A new publication, in draft until published."""
    publication = service.create_publication(session, data=body)
    created(
        request,
        response,
        publication.version,
        at="hcts-publications-get",
        publication_id=publication.id,
    )
    return service.to_publication_public(session, publication)


@public_router.get(
    PUBLICATIONS + "/{publication_id}",
    operation_id="hcts-publications-get",
    responses=READ_ONE,
    response_model=PublicationPublic,
)
async def get_publication(publication: ShownPublication) -> Response:
    """One publication (a draft only for network admins)."""
    return respond(PublicationPublic, publication, version=publication["version"])


@router.patch(
    PUBLICATIONS + "/{publication_id}", operation_id="hcts-publications-update", responses=UPDATE
)
def update_publication(
    session: SessionDep,
    publication: ManagedPublication,
    body: PublicationUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> PublicationPublic:
    """Change a publication, draft or published: only the fields sent."""
    publication = service.update_publication(
        session, publication=publication, data=body, if_match=if_match
    )
    return _shown(session, response, publication)


@router.delete(
    PUBLICATIONS + "/{publication_id}",
    status_code=204,
    operation_id="hcts-publications-delete",
    responses=DELETE,
)
def delete_publication(
    session: SessionDep, publication: ManagedPublication, if_match: IfMatch = None
) -> None:
    """Delete a publication no committee relayed (409 otherwise)."""
    service.delete_publication(session, publication=publication, if_match=if_match)


@router.post(
    PUBLICATIONS + "/{publication_id}/publish",
    operation_id="hcts-publications-publish",
    responses=TRANSITION,
)
def publish_publication(
    session: SessionDep,
    publication: ManagedPublication,
    response: Response,
    if_match: IfMatch = None,
) -> PublicationPublic:
    """Publish a draft: it becomes public and reaches the committees' inboxes."""
    publication = service.publish_publication(session, publication=publication, if_match=if_match)
    return _shown(session, response, publication)


# --- relays ---------------------------------------------------------------------------------


@router.get(
    PUBLICATIONS + "/{publication_id}/relays",
    operation_id="hcts-relays-list",
    responses=LIST_IN,
    response_model=RelayPage,
)
async def list_publication_relays(
    read: ReaderDep,
    publication: ReadablePublication,
    subject: CurrentSubject,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committees that relayed the publication, newest first (those the caller may see)."""
    return await read.page(
        RelayPage,
        partial(
            service_relays.list_publication_relays,
            publication_id=publication.id,
            subject=subject,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    PUBLICATIONS + "/{publication_id}/relays",
    status_code=201,
    operation_id="hcts-relays-create",
    responses=CREATE_IN,
)
def record_relay(
    session: SessionDep,
    publication: ReadablePublication,
    subject: CurrentSubject,
    body: RelayCreate,
    response: Response,
) -> RelayPublic:
    """Record that a committee relayed a published item (when, how)."""
    relay = service_relays.record_relay(
        session, publication=publication, data=body, subject=subject
    )
    return with_etag(
        response, relay.version, service_relays.relay_public(session, relay_id=relay.id)
    )


@router.delete(
    PUBLICATIONS + "/{publication_id}/relays/{relay_id}",
    status_code=204,
    operation_id="hcts-relays-delete",
    responses=REMOVE,
)
def delete_relay(
    session: SessionDep, relay: VisibleRelay, subject: CurrentSubject, if_match: IfMatch = None
) -> None:
    """Delete a relay of a committee the caller records relays for."""
    service_relays.delete_relay(session, relay=relay, subject=subject, if_match=if_match)


@public_router.get(
    "/committees/{committee_id}/relays",
    operation_id="hcts-relays-list-by-committee",
    responses=LIST_IN,
    response_model=RelayPage,
)
async def list_committee_relays(
    read: ReaderDep, committee_id: ReadableCommitteeId, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """What the committee relayed of HCTS publications, newest first."""
    return await read.page(
        RelayPage,
        partial(
            service_relays.list_committee_relays,
            committee_id=committee_id,
            limit=limit,
            cursor=cursor,
        ),
    )
