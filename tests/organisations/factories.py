"""Organisations for tests, built through the service."""

import itertools
from typing import Any

from sqlmodel import Session

from api.organisations import service
from api.organisations.models import Organisation
from api.organisations.schemas import OrganisationCreate

_counter = itertools.count(1)


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    fields: dict[str, Any] = {
        "type": "association",
        "name": f"Association n°{next(_counter)}",
    } | overrides
    return service.create_organisation(session, data=OrganisationCreate.model_validate(fields))
