"""Deliverables of a programme's actions: request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from api.core.pagination import Page
from api.core.schemas import HttpUrl, Input, IsoDate, Omittable, Output, PatchInput
from api.core.schemas import Label as Title


class DeliverableKind(StrEnum):
    report = "report"
    practice_sheet = "practice_sheet"
    event = "event"
    training = "training"
    communication = "communication"
    other = "other"


class DeliverableStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    delivered = "delivered"
    dropped = "dropped"


Link = Annotated[HttpUrl, Field(description="Where the deliverable can be found (http or https).")]
DeliveredOn = Annotated[
    IsoDate | None,
    Field(
        description="Required when the status is `delivered`, refused otherwise; not in the future."
    ),
]


class DeliverableCreate(Input):
    title: Title
    kind: DeliverableKind
    due_on: IsoDate | None = None
    status: DeliverableStatus = DeliverableStatus.planned
    delivered_on: DeliveredOn = None
    link: Link | None = None


class DeliverableUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field. Leaving the
    `delivered` status without sending `delivered_on` clears it."""

    title: Omittable[Title] = None
    kind: Omittable[DeliverableKind] = None
    due_on: IsoDate | None = None
    status: Omittable[DeliverableStatus] = None
    delivered_on: DeliveredOn = None
    link: Link | None = None


class DeliverablePublic(Output):
    id: uuid.UUID
    action_id: uuid.UUID
    programme_id: uuid.UUID
    title: str
    kind: DeliverableKind
    due_on: date | None
    status: DeliverableStatus
    delivered_on: date | None
    link: str | None
    overdue: bool = Field(
        description="Due before today (Europe/Paris) and neither delivered nor dropped."
    )
    created_at: datetime
    updated_at: datetime


class DeliverablePage(Page[DeliverablePublic]):
    pass
