import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import Input, Output


class BodyKind(StrEnum):
    copil = "copil"
    cotech = "cotech"
    plenary = "plenary"
    agora = "agora"
    thematic = "thematic"
    ethics = "ethics"
    working_group = "working_group"
    other = "other"


Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=10_000)]


class BodyCreate(Input):
    kind: BodyKind
    name: Name
    description: Description | None = None


class BodyUpdate(Input):
    """Only the fields sent are changed; `null` clears the description."""

    kind: BodyKind | None = None
    name: Name | None = None
    description: Description | None = None

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = [k for k in ("kind", "name") if k in data and data[k] is None]
            if nulls:
                raise ValueError(f"these fields cannot be null: {', '.join(nulls)}")
        return data


class BodyPublic(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    kind: BodyKind
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime


class BodyPage(Page[BodyPublic]):
    pass
