"""A programme's board: the programme, its actions, deliverables and indicators at once."""

import uuid
from datetime import date, datetime

from pydantic import Field

from api.core.schemas import Output
from api.programmes.schemas_deliverables import DeliverablePublic
from api.programmes.schemas_indicators import IndicatorPublic


class BoardProgramme(Output):
    id: uuid.UUID
    committee_id: uuid.UUID
    title: str
    period_start: date
    period_end: date
    status: str
    created_at: datetime
    updated_at: datetime


class BoardTransition(Output):
    seq: int
    status: str
    effective_on: date
    meeting_id: uuid.UUID | None = Field(description="The body meeting that decided it.")
    note: str | None


class BoardTag(Output):
    id: uuid.UUID
    kind: str
    code: str
    label: str


class BoardAction(Output):
    id: uuid.UUID
    position: int
    title: str
    theme: str | None
    objectives: str | None
    method_step: str
    pilot_person_id: uuid.UUID | None
    working_group_id: uuid.UUID | None
    tags: list[BoardTag]
    deliverables: list[DeliverablePublic] = Field(description="By due date, undated last.")
    indicators: list[IndicatorPublic]


class BoardPublic(Output):
    programme: BoardProgramme
    transitions: list[BoardTransition] = Field(description="The lifecycle, oldest first.")
    actions: list[BoardAction] = Field(description="In programme order (position).")
    overdue_deliverables: int = Field(description="How many of the deliverables are late.")
