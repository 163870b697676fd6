"""The committees' college at HCTS: public reads of who sits, mandates kept by network_admin."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.auth.deps import HctsManager, OptionalSubject, PublicRouter, login_required
from api.core.clock import today
from api.core.etags import IfMatch
from api.core.pagination import AsOf, Cursor, Limit
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_UNIQUE, LIST, READ_ONE, REMOVE, created, with_etag
from api.core.schemas import QueryBool
from api.db import ReaderDep, SessionDep
from api.hcts import service_representatives as service
from api.hcts.deps_representatives import ManagedMandate, ShownMandate
from api.hcts.schemas_representatives import (
    MandateCreate,
    MandatePage,
    MandatePublic,
    MandateRole,
    MandateSeat,
    MandateUpdate,
)

public_router = PublicRouter(tags=["hcts"])
router = APIRouter(tags=["hcts"], dependencies=login_required)

REPRESENTATIVES = "/hcts/representatives"
MANDATE = REPRESENTATIVES + "/{mandate_id}"


@public_router.get(
    REPRESENTATIVES,
    operation_id="hcts-representatives-list",
    responses=LIST,
    response_model=MandatePage,
)
async def list_representatives(
    read: ReaderDep,
    subject: OptionalSubject,
    as_of: AsOf = None,
    all_mandates: Annotated[
        QueryBool, Query(alias="all", description="Every mandate, whatever its dates.")
    ] = False,
    seat: MandateSeat | None = None,
    role: MandateRole | None = None,
    committee_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Who sits at HCTS on a day, `as_of` (mandates covering it), by seat, titulars first,
    then by name."""
    filters = service.MandateFilters(
        as_of=as_of or today(),
        all_mandates=all_mandates,
        seat=seat,
        role=role,
        committee_id=committee_id,
    )
    return await read.page(
        MandatePage,
        partial(
            service.list_mandates, subject=subject, filters=filters, limit=limit, cursor=cursor
        ),
    )


@router.post(
    REPRESENTATIVES,
    status_code=201,
    operation_id="hcts-representatives-create",
    responses=CREATE_UNIQUE,
)
def create_mandate(
    session: SessionDep,
    _manager: HctsManager,
    body: MandateCreate,
    request: Request,
    response: Response,
) -> MandatePublic:
    """Record a representative's mandate (network_admin); 409 if it overlaps one on the seat."""
    mandate, version = service.create_mandate(session, data=body)
    created(request, response, version, at="hcts-representatives-get", mandate_id=mandate.id)
    return mandate


@public_router.get(
    MANDATE,
    operation_id="hcts-representatives-get",
    responses=READ_ONE,
    response_model=MandatePublic,
)
async def get_mandate(mandate: ShownMandate) -> Response:
    """A mandate of a committee the caller may see."""
    shown, version = mandate
    return respond(MandatePublic, shown, version=version)


@router.patch(MANDATE, operation_id="hcts-representatives-update", responses=CHANGE)
def update_mandate(
    session: SessionDep,
    mandate: ManagedMandate,
    body: MandateUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> MandatePublic:
    """Change a mandate (network_admin), e.g. set its end date."""
    shown, version = service.update_mandate(session, mandate=mandate, data=body, if_match=if_match)
    return with_etag(response, version, shown)


@router.delete(
    MANDATE,
    status_code=204,
    operation_id="hcts-representatives-delete",
    responses=REMOVE,
)
def delete_mandate(session: SessionDep, mandate: ManagedMandate, if_match: IfMatch = None) -> None:
    """Delete a mandate recorded by mistake (network_admin); end it to keep history."""
    service.delete_mandate(session, mandate=mandate, if_match=if_match)
