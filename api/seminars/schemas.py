"""Seminars of the network, their registrations and attendance: request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import Input, IsoDate, IsoMoment, Omittable, Output, PatchInput
from api.meetings.schemas import AttendanceStatus
from api.people.schemas import PersonCategory


class SeminarMode(StrEnum):
    in_person = "in_person"
    remote = "remote"


Moment = IsoMoment
Place = Annotated[str, StringConstraints(max_length=300)]
Description = Annotated[str, StringConstraints(max_length=20_000)]


class SeminarCreate(Input):
    title: Title
    starts_at: Moment
    ends_at: Moment | None = None
    mode: SeminarMode
    place: Place | None = None
    description: Description | None = None
    registration_deadline: IsoDate | None = Field(
        default=None, description="Last day registrations are taken (Europe/Paris)."
    )


class SeminarUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field."""

    title: Omittable[Title] = None
    starts_at: Omittable[Moment] = None
    ends_at: Moment | None = None
    mode: Omittable[SeminarMode] = None
    place: Place | None = None
    description: Description | None = None
    registration_deadline: IsoDate | None = None


class SeminarPublic(Output):
    id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime | None
    mode: SeminarMode
    place: str | None
    description: str | None
    registration_deadline: date | None
    created_at: datetime
    updated_at: datetime


class SeminarPage(Page[SeminarPublic]):
    pass


# Registrations


class RegistrationCreate(Input):
    committee_id: uuid.UUID = Field(description="The committee the person registers through.")
    person_id: uuid.UUID = Field(description="A current member of that committee.")


class CommitteeRef(Output):
    id: uuid.UUID
    short_name: str | None


class PersonRef(Output):
    id: uuid.UUID
    first_name: str
    last_name: str


class RegistrationOrganisation(Output):
    """The person's organisation when they registered (`id` is null if it was deleted since)."""

    id: uuid.UUID | None
    name: str


class RegistrationPublic(Output):
    id: uuid.UUID
    seminar_id: uuid.UUID
    committee: CommitteeRef
    person: PersonRef
    status: AttendanceStatus
    category: PersonCategory = Field(description="The person's category when they registered.")
    organisation: RegistrationOrganisation | None
    registered_at: datetime
    updated_at: datetime


class RegistrationPage(Page[RegistrationPublic]):
    pass


# Attendance


class AttendanceItem(Input):
    person_id: uuid.UUID
    status: AttendanceStatus


class SeminarAttendance(Input):
    items: list[AttendanceItem] = Field(min_length=1, max_length=1000)


class AttendanceResult(Output):
    updated: int = Field(description="How many registrations changed status.")
    items: list[RegistrationPublic]


# Summary


class StatusCounts(Output):
    registered: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0
    total: int = 0


class CommitteeCounts(Output):
    committee: CommitteeRef
    counts: StatusCounts


class SeminarSummary(Output):
    seminar_id: uuid.UUID
    committees: list[CommitteeCounts]
    totals: StatusCounts = Field(description="The sums of the lines shown.")
