import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints, field_validator

from api.core.pagination import Page
from api.core.schemas import Input, IsoDate, JsonBool, Omittable, Output, PatchInput
from api.core.schemas import Label as Name
from api.core.schemas import LongText as Description
from api.organisations.schemas import OrganisationRef
from api.territories.schemas import DepartmentCode, RegionCode


class Scale(StrEnum):
    regional = "regional"
    departmental = "departmental"
    interdepartmental = "interdepartmental"
    local = "local"


class CommitteeStatus(StrEnum):
    reflection = "reflection"
    construction = "construction"
    active = "active"
    dormant = "dormant"
    closed = "closed"


ShortName = Annotated[str, StringConstraints(min_length=1, max_length=60)]


def _no_duplicates(values: list[str] | None) -> list[str] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError("codes must not repeat")
    return values


class CommitteeCreate(Input):
    name: Name
    short_name: ShortName | None = None
    scale: Scale
    region_codes: list[RegionCode] = Field(default_factory=list, max_length=18)
    department_codes: list[DepartmentCode] = Field(default_factory=list, max_length=101)
    parent_id: uuid.UUID | None = None
    description: Description | None = None
    contact_email: EmailStr | None = None
    is_public: JsonBool = True
    carrying_organisation_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)
    status_since: IsoDate | None = Field(
        default=None,
        description="Since when the committee has been in reflection; defaults to today.",
    )

    _unique_codes = field_validator("region_codes", "department_codes")(_no_duplicates)


class CommitteeUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field."""

    name: Omittable[Name] = None
    short_name: ShortName | None = None
    scale: Omittable[Scale] = None
    region_codes: Omittable[list[RegionCode]] = Field(default=None, max_length=18)
    department_codes: Omittable[list[DepartmentCode]] = Field(default=None, max_length=101)
    parent_id: uuid.UUID | None = None
    description: Description | None = None
    contact_email: EmailStr | None = None
    is_public: Omittable[JsonBool] = None
    carrying_organisation_ids: Omittable[list[uuid.UUID]] = Field(default=None, max_length=20)

    _unique_codes = field_validator("region_codes", "department_codes")(_no_duplicates)


class CommitteePublic(Output):
    id: uuid.UUID
    name: str
    short_name: str | None
    scale: Scale
    region_codes: list[str]
    department_codes: list[str]
    parent_id: uuid.UUID | None
    description: str | None
    contact_email: str | None
    is_public: bool
    carrying_organisations: list[OrganisationRef]
    status: CommitteeStatus = Field(
        description="Today's status; in a list asked `as_of` a day, the status on that day."
    )
    status_since: date = Field(description="Since when the committee has had `status`.")
    created_at: datetime
    updated_at: datetime


class CommitteePage(Page[CommitteePublic]):
    pass


class StatusChangeCreate(Input):
    status: CommitteeStatus
    effective_on: IsoDate | None = Field(default=None, description="Defaults to today.")


class StatusChangePublic(Output):
    status: CommitteeStatus
    effective_on: date
    recorded_at: datetime


class StatusHistory(Page[StatusChangePublic]):
    pass
