"""Indicators of actions and their measurements: request and response bodies."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import Input, Output

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Unit = Annotated[str, StringConstraints(min_length=1, max_length=50)]
# A double in both databases; NaN and infinities cannot be plotted nor compared.
Value = Annotated[float, Field(allow_inf_nan=False)]


class IndicatorCreate(Input):
    name: Name
    unit: Unit | None = Field(default=None, description="e.g. 'personnes', '%'.")
    baseline: Value | None = None
    target: Value | None = None


class IndicatorUpdate(Input):
    """Only the fields sent are changed; `null` clears an optional field."""

    name: Name | None = None
    unit: Unit | None = None
    baseline: Value | None = None
    target: Value | None = None

    @model_validator(mode="before")
    @classmethod
    def _name_not_null(cls, data: Any) -> Any:
        if isinstance(data, dict) and "name" in data and data["name"] is None:
            raise ValueError("these fields cannot be null: name")
        return data


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
    measured_on: date = Field(description="One measurement per date; not in the future.")
    value: Value


class MeasurementPublic(Output):
    id: uuid.UUID
    indicator_id: uuid.UUID
    measured_on: date
    value: float
    recorded_at: datetime


class MeasurementPage(Page[MeasurementPublic]):
    pass
