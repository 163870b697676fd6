import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit, Search, UpdatedSince
from api.core.reads import respond
from api.core.responses import CHANGE, CREATE_UNIQUE, LIST, READ_ONE, UPSERT, created, with_etag
from api.db import ReaderDep, SessionDep
from api.people import service, service_sync
from api.people.deps import EditablePerson, PersonCreator, ReadablePerson
from api.people.schemas import (
    PersonCategory,
    PersonCreate,
    PersonPage,
    PersonPublic,
    PersonReplace,
    PersonUpdate,
)

router = APIRouter(prefix="/people", tags=["people"], dependencies=login_required)


@router.get("", operation_id="people-list", responses=LIST, response_model=PersonPage)
async def list_people(
    read: ReaderDep,
    subject: CurrentSubject,
    q: Search = None,
    category: PersonCategory | None = None,
    organisation_id: uuid.UUID | None = None,
    external_id: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Id in the source system.")
    ] = None,
    source: Annotated[
        str | None, Query(min_length=1, max_length=100, description="The source system.")
    ] = None,
    updated_since: UpdatedSince = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The people the caller may see, by last name then first name.

    network_admin sees everyone; a committee admin the people who hold or held a membership
    in their committees; anyone else only their own record."""
    filters = service.PersonFilters(
        q=q,
        category=category,
        organisation_id=organisation_id,
        external_id=external_id,
        source=source,
        updated_since=updated_since,
    )
    return await read.page(
        PersonPage,
        partial(service.list_people, subject=subject, filters=filters, limit=limit, cursor=cursor),
    )


@router.post("", status_code=201, operation_id="people-create", responses=CREATE_UNIQUE)
def create_person(
    session: SessionDep, _: PersonCreator, body: PersonCreate, request: Request, response: Response
) -> PersonPublic:
    person = service.create_person(session, data=body)
    created(request, response, person.version, at="people-get", person_id=person.id)
    return PersonPublic.model_validate(person)


SourcePath = Annotated[
    str, Path(min_length=1, max_length=100, description="The system the record comes from.")
]
ExternalIdPath = Annotated[
    str, Path(min_length=1, max_length=200, description="The person's id in that system.")
]


@router.put(
    "/by-external-id/{source}/{external_id}",
    operation_id="people-upsert",
    responses={201: {"description": "Created", "model": PersonPublic}, **UPSERT},
)
def upsert_person(
    session: SessionDep,
    subject: CurrentSubject,
    source: SourcePath,
    external_id: ExternalIdPath,
    body: PersonReplace,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> PersonPublic:
    """Create (201) or replace (200) the person a source system knows by this id: one call
    where a sync would look up, then POST or PATCH. Fields not sent are cleared. `If-Match`
    is checked when sent (412 if the person changed, or does not exist yet). Creating is a
    network_admin's, as `POST /people`; replacing, what editing the person takes."""
    person, is_new = service_sync.upsert_person(
        session,
        source=source,
        external_id=external_id,
        data=body,
        subject=subject,
        if_match=if_match,
    )
    if is_new:
        response.status_code = 201
        created(request, response, person.version, at="people-get", person_id=person.id)
    else:
        with_etag(response, person.version, None)
    return PersonPublic.model_validate(person)


@router.get(
    "/{person_id}", operation_id="people-get", responses=READ_ONE, response_model=PersonPublic
)
async def get_person(person: ReadablePerson) -> Response:
    return respond(PersonPublic, person, version=person.version)


@router.patch("/{person_id}", operation_id="people-update", responses=CHANGE)
def update_person(
    session: SessionDep,
    edit: EditablePerson,
    body: PersonUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> PersonPublic:
    """Change a person. Their committees' admins and network_admin may change any field;
    the person themself only their `email` and `phone` (403 for anything else)."""
    person = service.update_person(
        session, person=edit.person, data=body, rights=edit.rights, if_match=if_match
    )
    return with_etag(response, person.version, PersonPublic.model_validate(person))
