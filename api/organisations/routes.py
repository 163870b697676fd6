from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit, Search
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_UNIQUE, DELETE, LIST, READ_ONE, created, with_etag
from api.db import ReaderDep, SessionDep
from api.organisations import service
from api.organisations.deps import ManagedOrganisation, OrganisationCreator, ReadableOrganisation
from api.organisations.schemas import (
    OrganisationCreate,
    OrganisationPage,
    OrganisationPublic,
    OrganisationType,
    OrganisationUpdate,
)
from api.territories.schemas import InDepartment

router = APIRouter(prefix="/organisations", tags=["organisations"], dependencies=login_required)


@router.get("", operation_id="organisations-list", responses=LIST, response_model=OrganisationPage)
async def list_organisations(
    read: ReaderDep,
    type: OrganisationType | None = None,
    department: InDepartment = None,
    q: Search = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Organisations (*structures*), ordered by name."""
    filters = service.OrganisationFilters(type=type, department=department, q=q)
    return await read.page(
        OrganisationPage,
        partial(service.list_organisations, filters=filters, limit=limit, cursor=cursor),
    )


@router.post("", status_code=201, operation_id="organisations-create", responses=CREATE_UNIQUE)
def create_organisation(
    session: SessionDep,
    _: OrganisationCreator,
    body: OrganisationCreate,
    request: Request,
    response: Response,
) -> OrganisationPublic:
    """Add an organisation (network_admin or any committee admin). 409 if the SIRET is taken."""
    organisation = service.create_organisation(session, data=body)
    created(
        request,
        response,
        organisation.version,
        at="organisations-get",
        organisation_id=organisation.id,
    )
    return OrganisationPublic.model_validate(organisation)


@router.get(
    "/{organisation_id}",
    operation_id="organisations-get",
    responses=READ_ONE,
    response_model=OrganisationPublic,
)
async def get_organisation(organisation: ReadableOrganisation) -> Response:
    return respond(OrganisationPublic, organisation, version=organisation.version)


@router.patch("/{organisation_id}", operation_id="organisations-update", responses=CHANGE)
def update_organisation(
    session: SessionDep,
    organisation: ManagedOrganisation,
    body: OrganisationUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> OrganisationPublic:
    """Change an organisation (network_admin: every committee shares it)."""
    organisation = service.update_organisation(
        session, organisation=organisation, data=body, if_match=if_match
    )
    return with_etag(
        response, organisation.version, OrganisationPublic.model_validate(organisation)
    )


@router.delete(
    "/{organisation_id}", status_code=204, operation_id="organisations-delete", responses=DELETE
)
def delete_organisation(
    session: SessionDep, organisation: ManagedOrganisation, if_match: IfMatch = None
) -> None:
    """Delete an unused organisation (409 while it carries a committee or people work there)."""
    service.delete_organisation(session, organisation=organisation, if_match=if_match)
