import uuid
from datetime import datetime
from enum import StrEnum

from api.core.pagination import Page
from api.core.schemas import Input, Omittable, Output, PatchInput
from api.core.schemas import Label as Name
from api.core.schemas import LongText as Description


class BodyKind(StrEnum):
    copil = "copil"
    cotech = "cotech"
    plenary = "plenary"
    agora = "agora"
    thematic = "thematic"
    ethics = "ethics"
    working_group = "working_group"
    other = "other"


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
