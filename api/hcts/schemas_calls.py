"""Calls for candidates to HCTS working groups, and the candidatures committees propose."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import Input, LongText, Omittable, Output, PatchInput


class CandidatureStatus(StrEnum):
    proposed = "proposed"
    accepted = "accepted"
    declined = "declined"
    withdrawn = "withdrawn"


class Decision(StrEnum):
    accepted = "accepted"
    declined = "declined"


class CallCreate(Input):
    title: Title
    description: LongText | None = None
    working_group: Title
    deadline: date
    axis_id: uuid.UUID | None = None


class CallUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears the description or the axis."""

    title: Omittable[Title] = None
    description: LongText | None = None
    working_group: Omittable[Title] = None
    deadline: Omittable[date] = None
    axis_id: uuid.UUID | None = None


class CallPublic(Output):
    id: uuid.UUID
    title: str
    description: str | None
    working_group: str
    deadline: date
    axis_id: uuid.UUID | None
    is_open: bool
    created_at: datetime
    updated_at: datetime


class CallPage(Page[CallPublic]):
    pass


class CandidatureCreate(Input):
    committee_id: uuid.UUID
    person_id: uuid.UUID
    motivation: LongText | None = None


class CandidatureDecision(Input):
    decision: Decision
    note: LongText | None = None


class CommitteeSummary(Output):
    id: uuid.UUID
    short_name: str | None


class CandidaturePerson(Output):
    id: uuid.UUID
    first_name: str
    last_name: str


class CandidaturePublic(Output):
    id: uuid.UUID
    call_id: uuid.UUID
    committee: CommitteeSummary
    person: CandidaturePerson
    motivation: str | None
    status: CandidatureStatus
    decision_note: str | None
    proposed_at: datetime
    decided_at: datetime | None


class CandidaturePage(Page[CandidaturePublic]):
    pass
