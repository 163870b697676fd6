"""Indicators of actions and their measurements: request and response bodies."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.pagination import Page
from api.core.schemas import Input, IsoDate, JsonFloat, Omittable, Output, PatchInput
from api.core.schemas import Label as Name

Unit = Annotated[str, StringConstraints(min_length=1, max_length=50)]
# A double in both databases; NaN and infinities cannot be plotted nor compared.
Value = JsonFloat


class IndicatorCreate(Input):
    name: Name
    unit: Unit | None = Field(default=None, description="e.g. 'personnes', '%'.")
    baseline: Value | None = None
    target: Value | None = None


class IndicatorUpdate(PatchInput):
    """Only the fields sent are changed; `null` clears an optional field."""

    name: Omittable[Name] = None
    unit: Unit | None = None
    baseline: Value | None = None
    target: Value | None = None


class LatestMeasurement(Output):
    measured_on: date
    value: float


class IndicatorPublic(Output):
    id: uuid.UUID
    action_id: uuid.UUID
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    latest: LatestMeasurement | None = Field(description="The most recent measurement, if any.")
    created_at: datetime
    updated_at: datetime


class IndicatorPage(Page[IndicatorPublic]):
    pass


class MeasurementCreate(Input):
    measured_on: IsoDate = Field(description="One measurement per date; not in the future.")
    value: Value


class MeasurementPublic(Output):
    id: uuid.UUID
    indicator_id: uuid.UUID
    measured_on: date
    value: float
    recorded_at: datetime


class MeasurementPage(Page[MeasurementPublic]):
    pass
