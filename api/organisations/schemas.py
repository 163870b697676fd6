import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from api.core.schemas import Input, Output
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


# La Poste's establishments (SIREN 356 000 000) have their own rule: digits sum to 5k.
_LA_POSTE_SIREN = "356000000"


def valid_siret(value: str) -> bool:
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith(_LA_POSTE_SIREN):
        return sum(int(c) for c in value) % 5 == 0
    return _luhn_ok(value)


def _check_siret(value: str | None) -> str | None:
    if value is None:
        return None
    compact = value.replace(" ", "")
    if not valid_siret(compact):
        raise ValueError("a SIRET is 14 digits with a valid check digit (Luhn)")
    return compact


Siret = Annotated[str, AfterValidator(_check_siret)]
OrganisationName = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class OrganisationCreate(Input):
    type: OrganisationType
    name: OrganisationName
    department_code: DepartmentCode | None = None
    siret: Siret | None = None
