"""Meetings, their decisions, attendance and headcounts: request and response bodies."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Heading as Place
from api.core.schemas import Input, IsoMoment, JsonInt, Omittable, Output, PatchInput
from api.core.schemas import Label as Title
from api.people.schemas import PersonCategory


class MeetingKind(StrEnum):
    body_meeting = "body_meeting"
    launch_day = "launch_day"
    agora = "agora"
    working_group_session = "working_group_session"
    other = "other"


class MeetingMode(StrEnum):
    in_person = "in_person"
    remote = "remote"
    hybrid = "hybrid"


class AttendanceStatus(StrEnum):
    registered = "registered"
    present = "present"
    excused = "excused"
    absent = "absent"


class HeadcountCategory(StrEnum):
    """Broad groups, as event reports count them ("140 professionnels, 13 étudiants…")."""

    professional = "professional"
    student = "student"
    elected_official = "elected_official"
    resource_person = "resource_person"
    person_supported = "person_supported"
    volunteer = "volunteer"
    other = "other"


Agenda = Annotated[str, StringConstraints(max_length=20_000)]
DecisionText = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]

MAX_ATTENDANCE_ENTRIES = 1000
# A bound keeps counts inside the database's integers (schemathesis sends huge ones).
MAX_COUNT = 1_000_000
Count = Annotated[JsonInt, Field(ge=0, le=MAX_COUNT)]


class MeetingCreate(Input):
    kind: MeetingKind
    title: Title
    body_id: uuid.UUID | None = Field(
        default=None, description="The body (of this committee) that meets, if any."
    )
    starts_at: IsoMoment
    ends_at: IsoMoment | None = None
    mode: MeetingMode = MeetingMode.in_person
    place: Place | None = None
    agenda: Agenda | None = None


class MeetingUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field."""

    kind: Omittable[MeetingKind] = None
    title: Omittable[Title] = None
    body_id: uuid.UUID | None = None
    starts_at: Omittable[IsoMoment] = None
    ends_at: IsoMoment | None = None
    mode: Omittable[MeetingMode] = None
    place: Place | None = None
    agenda: Agenda | None = None


class MeetingPublic(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    body_id: uuid.UUID | None
    kind: MeetingKind
    title: str
    starts_at: datetime
    ends_at: datetime | None
    mode: MeetingMode
    place: str | None
    agenda: str | None
    created_at: datetime
    updated_at: datetime


class MeetingPage(Page[MeetingPublic]):
    pass


class DecisionCreate(Input):
    text: DecisionText


class DecisionPublic(Output):
    id: uuid.UUID
    meeting_id: uuid.UUID
    position: int = Field(description="Order in the record of decisions (gaps after deletions).")
    text: str
    created_at: datetime


class DecisionPage(Page[DecisionPublic]):
    pass


class AttendanceEntry(Input):
    person_id: uuid.UUID
    status: AttendanceStatus


class AttendanceUpsert(Input):
    entries: list[AttendanceEntry] = Field(min_length=1, max_length=MAX_ATTENDANCE_ENTRIES)


class AttendancePublic(Output):
    """A person's attendance; category and organisation are as they were when first recorded."""

    person_id: uuid.UUID
    first_name: str
    last_name: str
    status: AttendanceStatus
    category: PersonCategory
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    updated_at: datetime


class AttendancePage(Page[AttendancePublic]):
    pass


class AttendanceUpsertResult(Output):
    created: int = Field(description="People recorded for the first time.")
    updated: int = Field(description="People whose status changed.")
    items: list[AttendancePublic] = Field(description="The rows sent, in the order sent.")


class HeadcountPut(Input):
    """The whole headcount; it replaces any earlier one."""

    total: Count | None = Field(
        default=None, description="People present; defaults to the sum of `counts`."
    )
    structures: Count | None = Field(
        default=None, description="Number of structures (organisations) represented."
    )
    counts: dict[HeadcountCategory, Count] = Field(
        default_factory=dict, description="People present by category; must add up to `total`."
    )


class HeadcountPublic(Output):
    meeting_id: uuid.UUID
    total: int | None
    structures: int | None
    counts: dict[HeadcountCategory, int]
    updated_at: datetime
