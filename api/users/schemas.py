"""Logins and their role grants, as user administration and `/me` show them."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints, model_validator

from api.auth.permissions import Role
from api.core.pagination import Page
from api.core.schemas import Input, JsonBool, Omittable, Output, PatchInput
from api.core.schemas import Label as DisplayName

Password = Annotated[str, StringConstraints(min_length=12, max_length=256)]


class GrantCreate(Input):
    role: Role
    committee_id: uuid.UUID | None = Field(
        default=None, description="Required for committee roles; must be null for network_admin."
    )

    @model_validator(mode="after")
    def _scope_matches_role(self) -> "GrantCreate":
        if (self.role == Role.network_admin) != (self.committee_id is None):
            raise ValueError("network_admin takes no committee_id; committee roles require one")
        return self


class GrantPublic(Output):
    id: uuid.UUID
    role: Role
    committee_id: uuid.UUID | None


_PERSON_ID = "The person record of this login (their own data); one login per person."


class MePublic(Output):
    id: uuid.UUID
    email: str
    display_name: str
    person_id: uuid.UUID | None = Field(description=_PERSON_ID)
    grants: list[GrantPublic]


class UserCreate(Input):
    email: EmailStr
    display_name: DisplayName
    password: Password
    grants: list[GrantCreate] = Field(default_factory=list, max_length=100)
    person_id: uuid.UUID | None = Field(default=None, description=_PERSON_ID)


class UserUpdate(PatchInput):
    display_name: Omittable[DisplayName] = None
    password: Omittable[Password] = None
    is_active: Omittable[JsonBool] = None
    person_id: uuid.UUID | None = Field(default=None, description=_PERSON_ID + " null unlinks.")


class UserPublic(Output):
    id: uuid.UUID
    email: str
    display_name: str
    is_active: bool
    person_id: uuid.UUID | None = Field(description=_PERSON_ID)
    created_at: datetime
    grants: list[GrantPublic]


class UserPage(Page[UserPublic]):
    pass
