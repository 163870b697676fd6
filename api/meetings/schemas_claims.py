import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import JSON_DECIMAL, Input, Output

# One claim covers one meeting's journeys; anything above this is a typing error.
MAX_AMOUNT = Decimal("2000.00")

Amount = Annotated[
    Decimal,
    Field(
        gt=0,
        le=MAX_AMOUNT,
        decimal_places=2,
        description=(
            "Euros, at most two decimals, more than 0 and at most 2000.00; a JSON string "
            '("12.50") avoids floating-point surprises, a number (12.5) is accepted too.'
        ),
        examples=["12.50"],
    ),
    JSON_DECIMAL,  # after the bounds, so that the document shows them
]
Description = Annotated[str, StringConstraints(max_length=500)]


class ClaimStatus(StrEnum):
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"
    paid = "paid"


class ClaimDecision(StrEnum):
    """The statuses a claim can be moved to (it starts `submitted`)."""

    approved = "approved"
    rejected = "rejected"
    paid = "paid"


class ClaimCreate(Input):
    person_id: uuid.UUID = Field(description="The claimant: a *personne accompagnée* present.")
    amount: Amount
    description: Description | None = Field(
        default=None, description="The journey, e.g. 'Train Privas–Valence, aller-retour'."
    )


class ClaimTransition(Input):
    status: ClaimDecision = Field(
        description="submitted → approved | rejected; approved → paid. Anything else is a 409."
    )


class ClaimPublic(Output):
    id: uuid.UUID
    meeting_id: uuid.UUID
    person_id: uuid.UUID
    amount: str = Field(
        pattern=r"^[0-9]+\.[0-9]{2}$", description="Euros with two decimals, e.g. '12.50'."
    )
    description: str | None
    status: ClaimStatus
    submitted_at: datetime
    decided_at: datetime | None = Field(description="When it was approved or rejected.")
    decided_by: uuid.UUID | None = Field(
        description="The user who approved or rejected it (a login id, not a person id)."
    )
    paid_at: datetime | None


class ClaimPage(Page[ClaimPublic]):
    pass
