"""Indicators (definition = programme content, locked once validated) and their
measurements (progress, recorded until the programme is closed)."""

import uuid
from collections.abc import Sequence
from functools import partial
from typing import Any

from sqlalchemy import and_, bindparam, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.core import etags
from api.core.clock import today
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import columns_for
from api.core.writes import apply_changes, store
from api.programmes.models import Action, Indicator, Measurement, WorkProgramme
from api.programmes.schemas_indicators import (
    IndicatorCreate,
    IndicatorPublic,
    IndicatorUpdate,
    MeasurementCreate,
)
from api.programmes.service import (
    Answer,
    HistoryKept,
    answer_columns,
    answer_of,
    ensure_content_editable,
    ensure_trackable,
    items_of,
)


class IndicatorNotFound(NotFound):
    default_detail = "No indicator with this id."


class MeasurementNotFound(NotFound):
    default_detail = "No measurement with this id for this indicator."


class MeasurementExists(Conflict):
    default_detail = "This indicator already has a measurement on that date."


_INDICATOR_COLUMNS = columns_for(Indicator, IndicatorPublic)


def _with_latest() -> Any:
    """SQL: indicators with their latest measurement, in one statement (the unique
    (indicator, date) pair makes the join give at most one row per indicator)."""
    latest = aliased(Measurement)
    newest = (
        select(func.max(col(Measurement.measured_on)))
        .where(col(Measurement.indicator_id) == col(Indicator.id))
        .correlate(Indicator)
        .scalar_subquery()
    )
    columns: list[Any] = [
        *_INDICATOR_COLUMNS,
        col(latest.measured_on).label("latest_on"),
        col(latest.value).label("latest_value"),
    ]
    # From the indicators, named: the joins a statement adds to this one leave it ambiguous.
    return select(*columns).outerjoin_from(
        Indicator,
        latest,
        and_(col(latest.indicator_id) == col(Indicator.id), col(latest.measured_on) == newest),
    )


# Built once, their values bound at execution.
WITH_LATEST = _with_latest()
ORDER = (col(Indicator.created_at), col(Indicator.id))
_OF_ACTION = WITH_LATEST.where(col(Indicator.action_id) == bindparam("action_id"))
# A GET's one statement: the guard's and the answer's (`service.Answer`).
_ANSWER = (
    WITH_LATEST.add_columns(*answer_columns(Indicator))
    .join_from(Indicator, Action, col(Action.id) == col(Indicator.action_id))
    .join_from(Action, WorkProgramme, col(WorkProgramme.id) == col(Action.programme_id))
    .where(col(Indicator.id) == bindparam("indicator_id"))
)


def indicator_items(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of `WITH_LATEST` as the schema's fields (plain values: a page writes them as
    they are)."""
    return [_nested(item) for item in items_of(rows)]


def _nested(item: dict[str, Any]) -> dict[str, Any]:
    on, value = item.pop("latest_on"), item.pop("latest_value")
    item["latest"] = None if on is None else {"measured_on": on, "value": value}
    return item


def list_indicators(
    session: Session, *, action_id: uuid.UUID, limit: int, cursor: str | None
) -> RowsPage:
    """An action's indicators in order of creation."""
    rows, next_cursor = paginate(
        session, _OF_ACTION, keys=ORDER, limit=limit, cursor=cursor, params={"action_id": action_id}
    )
    return indicator_items(rows), next_cursor


def find_answer(session: Session, *, indicator_id: uuid.UUID) -> Answer | None:
    """The indicator as a GET answers it, with what its guard needs (one statement)."""
    row = session.connection().execute(_ANSWER, {"indicator_id": indicator_id}).first()
    found = answer_of(row)
    if found is not None:
        _nested(found.public)
    return found


def to_public(session: Session, indicator: Indicator) -> IndicatorPublic:
    found = find_answer(session, indicator_id=indicator.id)
    assert found is not None
    return IndicatorPublic.model_validate(found.public)


def create_indicator(
    session: Session, *, action_id: uuid.UUID, programme: WorkProgramme, data: IndicatorCreate
) -> Indicator:
    ensure_content_editable(programme)
    indicator = Indicator(action_id=action_id, **data.model_dump())
    store(session, indicator)
    return indicator


def update_indicator(
    session: Session,
    *,
    indicator: Indicator,
    programme: WorkProgramme,
    data: IndicatorUpdate,
    if_match: str | None,
) -> Indicator:
    etags.require_match(if_match, indicator.version)
    changes = {
        k: v for k, v in data.model_dump(exclude_unset=True).items() if getattr(indicator, k) != v
    }
    if not changes:
        return indicator
    ensure_content_editable(programme)
    apply_changes(session, indicator, changes)
    return indicator


def delete_indicator(
    session: Session, *, indicator: Indicator, programme: WorkProgramme, if_match: str | None
) -> None:
    etags.require_match(if_match, indicator.version)
    ensure_content_editable(programme)
    delete_unless_referenced(session, indicator, partial(HistoryKept, "indicator"))


_MEASUREMENT_COLUMNS: Sequence[Any] = Measurement.__table__.columns  # type: ignore[attr-defined]
_MEASUREMENTS = select(*_MEASUREMENT_COLUMNS).where(
    col(Measurement.indicator_id) == bindparam("indicator_id")
)
_MEASURED_ORDER = (col(Measurement.measured_on), col(Measurement.id))


def list_measurements(
    session: Session, *, indicator_id: uuid.UUID, limit: int, cursor: str | None
) -> RowsPage:
    """The indicator's history, oldest first, ready to plot."""
    params = {"indicator_id": indicator_id}
    rows, next_cursor = paginate(
        session, _MEASUREMENTS, keys=_MEASURED_ORDER, limit=limit, cursor=cursor, params=params
    )
    return items_of(rows), next_cursor


def add_measurement(
    session: Session, *, indicator: Indicator, programme: WorkProgramme, data: MeasurementCreate
) -> Measurement:
    ensure_trackable(programme)
    if data.measured_on > today():
        raise InvalidInput("A measurement cannot be dated in the future.", field="measured_on")
    taken = session.exec(
        select(Measurement.id).where(
            Measurement.indicator_id == indicator.id, Measurement.measured_on == data.measured_on
        )
    ).first()
    if taken is not None:
        raise MeasurementExists()
    measurement = Measurement(
        indicator_id=indicator.id, measured_on=data.measured_on, value=data.value
    )
    store(session, measurement)
    return measurement


def delete_measurement(
    session: Session, *, indicator: Indicator, programme: WorkProgramme, measurement_id: uuid.UUID
) -> None:
    measurement = session.get(Measurement, measurement_id)
    if measurement is None or measurement.indicator_id != indicator.id:
        raise MeasurementNotFound()
    ensure_trackable(programme)
    session.delete(measurement)
    session.flush()
