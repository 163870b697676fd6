"""Deliverables of a programme's actions: request and response bodies."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import HttpUrl, Input, Output


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


Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Link = Annotated[HttpUrl, Field(description="Where the deliverable can be found (http or https).")]
DeliveredOn = Annotated[
    date | None,
    Field(
        description="Required when the status is `delivered`, refused otherwise; not in the future."
    ),
]


class DeliverableCreate(Input):
    title: Title
    kind: DeliverableKind
    due_on: date | None = None
    status: DeliverableStatus = DeliverableStatus.planned
    delivered_on: DeliveredOn = None
    link: Link | None = None


# Fields a PATCH may not set to null (they are not nullable on the deliverable).
_REQUIRED_ON_PATCH = ("title", "kind", "status")


class DeliverableUpdate(Input):
    """Only the fields sent are changed; `null` clears an optional field. Leaving the
    `delivered` status without sending `delivered_on` clears it."""

    title: Title | None = None
    kind: DeliverableKind | None = None
    due_on: date | None = None
    status: DeliverableStatus | None = None
    delivered_on: DeliveredOn = None
    link: Link | None = None

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = [k for k in _REQUIRED_ON_PATCH if k in data and data[k] is None]
            if nulls:
                raise ValueError(f"these fields cannot be null: {', '.join(nulls)}")
        return data


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
