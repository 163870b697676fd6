import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import Input, Omittable, Output, PatchInput
from api.core.schemas import Label as ExternalId
from api.core.schemas import ShortLabel as Source
from api.people.schemas import PersonCategory, PersonCreate


class MembershipRole(StrEnum):
    pilot = "pilot"
    secretariat = "secretariat"
    titular = "titular"
    substitute = "substitute"
    member = "member"
    active_member = "active_member"


class MembershipStatus(StrEnum):
    upcoming = "upcoming"
    current = "current"
    ended = "ended"


TermYears = Literal[1, 3]


CardNumber = Annotated[str, StringConstraints(min_length=1, max_length=50)]

_TERM_YEARS = Field(
    default=None,
    description="A term of 1 or 3 years instead of `end_on`: it ends the day before the "
    "anniversary of `start_on` (a 29 February start ends on 28 February).",
)


def _end_or_term(data: Any) -> Any:
    if isinstance(data, dict) and data.get("end_on") is not None and data.get("term_years"):
        raise ValueError("give end_on or term_years, not both")
    return data


class MembershipCreate(Input):
    """Enrol an existing person (`person_id`) or a new one (`person`): exactly one of them."""

    person_id: uuid.UUID | None = None
    person: PersonCreate | None = None
    role: MembershipRole
    body_id: uuid.UUID | None = Field(default=None, description="A body of this committee.")
    start_on: date | None = Field(default=None, description="Defaults to today.")
    end_on: date | None = None
    term_years: TermYears | None = _TERM_YEARS
    card_number: CardNumber | None = None
    external_id: ExternalId | None = Field(default=None, description="Id in the source system.")
    source: Source | None = Field(default=None, description="The system the record comes from.")

    @model_validator(mode="before")
    @classmethod
    def _check(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if (data.get("person_id") is None) == (data.get("person") is None):
                raise ValueError("give exactly one of person_id and person")
            if (data.get("external_id") is None) != (data.get("source") is None):
                raise ValueError("external_id and source go together")
        return _end_or_term(data)


class MembershipUpdate(PatchInput):
    """Corrections; only the fields sent change. `null` clears body, card number or end."""

    role: Omittable[MembershipRole] = None
    body_id: uuid.UUID | None = None
    card_number: CardNumber | None = None
    end_on: date | None = None


class MembershipEnd(Input):
    end_on: date = Field(description="The last day of the membership.")


class MembershipRenewal(Input):
    """A new term after this one; the term renewed is left as it was."""

    start_on: date | None = Field(
        default=None, description="Defaults to the day after the renewed term's end."
    )
    end_on: date | None = None
    term_years: TermYears | None = _TERM_YEARS
    role: MembershipRole | None = Field(default=None, description="Defaults to the same role.")

    @model_validator(mode="before")
    @classmethod
    def _check(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("end_on") is None and not data.get("term_years"):
            raise ValueError("give end_on or term_years")
        return _end_or_term(data)


class MembershipPerson(Output):
    id: uuid.UUID
    first_name: str
    last_name: str
    category: PersonCategory
    organisation_id: uuid.UUID | None


class MembershipPublic(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    person_id: uuid.UUID
    body_id: uuid.UUID | None
    role: MembershipRole
    start_on: date
    end_on: date | None
    card_number: str | None
    status: MembershipStatus = Field(
        description="Relative to `as_of` in the members list, to today elsewhere."
    )
    renewal_of_id: uuid.UUID | None = Field(description="The term this one renews.")
    external_id: str | None
    source: str | None
    person: MembershipPerson
    created_at: datetime
    updated_at: datetime


class MembershipPage(Page[MembershipPublic]):
    pass
