import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import EmailStr, Field, StringConstraints, field_validator

from api.core.pagination import Page
from api.core.schemas import Input, Output


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


Name = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Phone = Annotated[str, StringConstraints(min_length=3, max_length=30, pattern=r"^[0-9+ ().-]+$")]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Source = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class PersonCreate(Input):
    first_name: Name
    last_name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
    category: PersonCategory
    organisation_id: uuid.UUID | None = None
    external_id: ExternalId | None = Field(default=None, description="Id in the source system.")
    source: Source | None = Field(default=None, description="The system the record comes from.")


# What a person may change on their own record; everything else is their committee's to say.
SELF_EDITABLE = frozenset({"email", "phone"})


class PersonUpdate(Input):
    """Only the fields sent are changed; `null` clears an optional field.

    `external_id` and `source` go together: set or clear both."""

    first_name: Name | None = None
    last_name: Name | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    category: PersonCategory | None = None
    organisation_id: uuid.UUID | None = None
    external_id: ExternalId | None = None
    source: Source | None = None

    @field_validator("first_name", "last_name", "category", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("this field cannot be null")
        return value


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
