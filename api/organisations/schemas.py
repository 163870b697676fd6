import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Input, Omittable, Output, PatchInput
from api.core.schemas import Label as OrganisationName
from api.territories.schemas import DepartmentCode


class OrganisationType(StrEnum):
    departmental_council = "departmental_council"
    caf = "caf"
    msa = "msa"
    ccas = "ccas"
    ars = "ars"
    state_service = "state_service"
    training_institute = "training_institute"
    association = "association"
    federation = "federation"
    crpa = "crpa"
    university = "university"
    other = "other"


class OrganisationRef(Output):
    """An organisation as other resources name it."""

    id: uuid.UUID
    name: str
    type: OrganisationType


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


# La Poste's establishments (SIREN 356 000 000) are too many for the Luhn key: theirs have
# digits summing to a multiple of 5. Its head office (35600000000048) keeps a Luhn key.
_LA_POSTE_SIREN = "356000000"


def valid_siret(value: str) -> bool:
    if len(value) != 14 or not value.isascii() or not value.isdigit():
        return False
    if value.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in value) % 5 == 0:
        return True
    return _luhn_ok(value)


def _check_siret(value: str | None) -> str | None:
    if value is None:
        return None
    compact = value.replace(" ", "")
    if not valid_siret(compact):
        raise ValueError("a SIRET is 14 digits with a valid check digit (Luhn)")
    return compact


Siret = Annotated[
    str,
    StringConstraints(max_length=20),
    AfterValidator(_check_siret),
    Field(description="14 digits with a valid check digit; spaces are ignored."),
]


class OrganisationCreate(Input):
    type: OrganisationType
    name: OrganisationName
    department_code: DepartmentCode | None = None
    siret: Siret | None = None


class OrganisationUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears `department_code` or `siret`."""

    type: Omittable[OrganisationType] = None
    name: Omittable[OrganisationName] = None
    department_code: DepartmentCode | None = None
    siret: Siret | None = None


class OrganisationPublic(Output):
    id: uuid.UUID
    type: OrganisationType
    name: str
    department_code: str | None
    siret: str | None
    created_at: datetime
    updated_at: datetime


class OrganisationPage(Page[OrganisationPublic]):
    pass
