import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from api.core.pagination import Page
from api.core.schemas import JSON_DECIMAL, Input, Omittable, Output, PatchInput
from api.core.schemas import Label as Name
from api.core.schemas import LongText as Description
from api.people.schemas import PersonCategory


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


Share = Annotated[
    Decimal,
    Field(
        gt=0,
        le=1,
        decimal_places=4,
        description=(
            "The least share of the body's members in the category: a fraction above 0 and at "
            'most 1, four decimals at most. A share equal to it is not below it, so "at least '
            'a third" is 0.3333. A JSON number or a string ("0.3333").'
        ),
        examples=["0.3333"],
    ),
    JSON_DECIMAL,  # after the bounds, so that the document shows them
]


class CompositionTargetIn(Input):
    category: PersonCategory
    at_least: Share


class CompositionTargetsPut(Input):
    """The body's whole set of targets; it replaces the earlier one (`[]` clears it)."""

    targets: list[CompositionTargetIn] = Field(
        max_length=len(PersonCategory), description="At most one target per category."
    )

    @field_validator("targets")
    @classmethod
    def _one_per_category(cls, targets: list[CompositionTargetIn]) -> list[CompositionTargetIn]:
        categories = [t.category for t in targets]
        repeated = sorted({c for c in categories if categories.count(c) > 1})
        if repeated:
            raise ValueError(f"one target per category: {', '.join(repeated)} given twice")
        return targets
