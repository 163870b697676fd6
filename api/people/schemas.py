import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Input, Omittable, Output, PatchInput
from api.core.schemas import Label as ExternalId
from api.core.schemas import ShortLabel as Name
from api.core.schemas import ShortLabel as Source


class PersonCategory(StrEnum):
    person_supported = "person_supported"
    social_worker = "social_worker"
    manager = "manager"
    elected_official = "elected_official"
    student = "student"
    volunteer = "volunteer"
    trainer_researcher = "trainer_researcher"
    institutional_partner = "institutional_partner"
    other = "other"


Phone = Annotated[str, StringConstraints(min_length=3, max_length=30, pattern=r"^[0-9+ ().-]+$")]


class PersonReplace(Input):
    """A person's whole record, as a source system holds it (`PUT .../by-external-id/...`):
    what is not sent is cleared."""

    first_name: Name
    last_name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
    category: PersonCategory
    organisation_id: uuid.UUID | None = None


class PersonCreate(PersonReplace):
    external_id: ExternalId | None = Field(default=None, description="Id in the source system.")
    source: Source | None = Field(default=None, description="The system the record comes from.")


# What a person may change on their own record; everything else is their committee's to say.
SELF_EDITABLE = frozenset({"email", "phone"})


class PersonUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field.

    `external_id` and `source` go together: set or clear both."""

    first_name: Omittable[Name] = None
    last_name: Omittable[Name] = None
    email: EmailStr | None = None
    phone: Phone | None = None
    category: Omittable[PersonCategory] = None
    organisation_id: uuid.UUID | None = None
    external_id: ExternalId | None = None
    source: Source | None = None


class PersonPublic(Output):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    category: PersonCategory
    organisation_id: uuid.UUID | None
    external_id: str | None
    source: str | None
    created_at: datetime
    updated_at: datetime


class PersonPage(Page[PersonPublic]):
    pass
