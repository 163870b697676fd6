"""Load-or-404 and permission guards for organisations, which every committee shares."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.organisations import service
from api.organisations.models import Organisation

OrganisationId = Annotated[uuid.UUID, Path(description="The organisation's id.")]


async def get_organisation(
    request: Request, read: ReaderDep, session: SessionDep, organisation_id: OrganisationId
) -> Organisation:
    check = partial(service.get_organisation, organisation_id=organisation_id)
    return await run_check(request, read, session, check)


# Organisations are not personal data: any logged-in caller reads them.
ReadableOrganisation = Annotated[Organisation, Depends(get_organisation)]


async def require_organisation_create(subject: CurrentSubject) -> Subject:
    # A committee admin names the structures their people work for and their carriers.
    if not subject.can_somewhere(Permission.organisation_write):
        raise Forbidden("You may not add organisations.")
    return subject


OrganisationCreator = Annotated[Subject, Depends(require_organisation_create)]


def _network_wide(organisation: ReadableOrganisation, subject: CurrentSubject) -> Organisation:
    # Every committee refers to the same record: only a network-wide grant changes it.
    if not subject.can(Permission.organisation_write):
        raise Forbidden("Only a network_admin changes or deletes organisations.")
    return organisation


ManagedOrganisation = Annotated[Organisation, Depends(_network_wide)]
