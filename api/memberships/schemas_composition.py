"""A body's composition: its members on a day by person category, against its targets."""

import uuid
from datetime import date

from pydantic import Field

from api.core.schemas import Output
from api.people.schemas import PersonCategory


class CategoryShare(Output):
    category: PersonCategory
    members: int = Field(description="People of the category with a term in the body that day.")
    share: float | None = Field(
        description="`members` over the body's members, from 0 to 1; null when it has none."
    )
    target: float | None = Field(
        description="The least share set for the category (`at_least`); null when none is."
    )
    below_target: bool = Field(
        description="The share is below the target (equal is not below); an empty body is "
        "below every target it has."
    )


class BodyComposition(Output):
    body_id: uuid.UUID
    committee_id: uuid.UUID
    as_of: date
    members: int = Field(description="People with a term in the body that day, each once.")
    by_category: list[CategoryShare] = Field(
        description="Every person category, in the order of the enumeration, zeros included."
    )
    below_target: bool = Field(description="At least one category is below its target.")
