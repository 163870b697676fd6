"""The committees' college at HCTS: representatives' mandates."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Self

from pydantic import model_validator

from api.core.pagination import Page
from api.core.schemas import Input, IsoDate, Omittable, Output, PatchInput
from api.core.schemas import Label as SeatLabel


class MandateRole(StrEnum):
    titular = "titular"
    substitute = "substitute"


class MandateSeat(StrEnum):
    plenary = "plenary"
    permanent_commission = "permanent_commission"
    ethics_commission = "ethics_commission"
    working_group = "working_group"
    other = "other"


class MandateCreate(Input):
    person_id: uuid.UUID
    committee_id: uuid.UUID
    role: MandateRole
    seat: MandateSeat
    seat_label: SeatLabel | None = None
    starts_on: IsoDate
    ends_on: IsoDate | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on must be on or after starts_on")
        return self


class MandateUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the seat label or the end date."""

    person_id: Omittable[uuid.UUID] = None
    committee_id: Omittable[uuid.UUID] = None
    role: Omittable[MandateRole] = None
    seat: Omittable[MandateSeat] = None
    seat_label: SeatLabel | None = None
    starts_on: Omittable[IsoDate] = None
    ends_on: IsoDate | None = None


class RepresentativePerson(Output):
    """Only the name: a representative's contact details and category stay private."""

    id: uuid.UUID
    first_name: str
    last_name: str


class RepresentedCommittee(Output):
    id: uuid.UUID
    name: str
    short_name: str | None


class MandatePublic(Output):
    id: uuid.UUID
    person: RepresentativePerson
    committee: RepresentedCommittee
    role: MandateRole
    seat: MandateSeat
    seat_label: str | None
    starts_on: date
    ends_on: date | None
    created_at: datetime
    updated_at: datetime


class MandatePage(Page[MandatePublic]):
    pass
