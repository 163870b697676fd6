import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import EmailStr, Field, StringConstraints, model_validator

from api.auth.permissions import Role
from api.core.pagination import Page
from api.core.schemas import Input, Output

Password = Annotated[str, StringConstraints(min_length=12, max_length=256)]
DisplayName = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class TokenPair(Output):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in: int = Field(description="Lifetime of the access token, in seconds.")
    refresh_token: str


class RefreshRequest(Input):
    refresh_token: str = Field(min_length=1, max_length=512)


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


class UserUpdate(Input):
    display_name: DisplayName | None = None
    password: Password | None = None
    is_active: bool | None = None
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
