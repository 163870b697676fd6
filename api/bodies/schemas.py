import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints

from api.core.pagination import Page
from api.core.schemas import Input, Omittable, Output, PatchInput


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


class BodyUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the description."""

    kind: Omittable[BodyKind] = None
    name: Omittable[Name] = None
    description: Description | None = None


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
