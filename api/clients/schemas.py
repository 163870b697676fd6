"""Machine clients as a network_admin registers, rotates and revokes them."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, model_validator

from api.auth.permissions import ClientScope
from api.core.pagination import Page
from api.core.schemas import Input, JsonInt, Output
from api.core.schemas import Label as Name
from api.territories.schemas import DepartmentCode

_SECRET_DOC = "Shown once: only its hash is kept. Send it with `client_credentials`."  # noqa: S105


class ClientCreate(Input):
    name: Name
    scopes: list[ClientScope] = Field(min_length=1, max_length=len(ClientScope))
    committee_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=500, description="Committees it acts on, by name."
    )
    department_code: DepartmentCode | None = Field(
        default=None,
        description="It also acts on every committee covering this département, including "
        "committees that cover it later.",
    )

    @model_validator(mode="after")
    def _bound(self) -> "ClientCreate":
        if not self.committee_ids and self.department_code is None:
            raise ValueError("a client is bound to committees, a département, or both")
        return self


class SecretRotate(Input):
    previous_valid_for_hours: Annotated[JsonInt, Field(ge=0, le=168)] = Field(
        default=24,
        description="How long the previous secret keeps working, so the client's systems can "
        "switch over (0: not at all).",
    )


class ClientPublic(Output):
    id: uuid.UUID
    name: str
    scopes: list[ClientScope]
    committee_ids: list[uuid.UUID] = Field(description="Committees named at registration.")
    department_code: str | None
    previous_valid_until: datetime | None = Field(
        description="Until when the previous secret works (a rotation); null: it does not."
    )
    revoked_at: datetime | None
    created_at: datetime


class ClientPage(Page[ClientPublic]):
    pass


class ClientSecret(Output):
    client_id: uuid.UUID
    client_secret: str = Field(description=_SECRET_DOC)
    previous_valid_until: datetime | None


class ClientCreated(ClientPublic):
    client_secret: str = Field(description=_SECRET_DOC)
