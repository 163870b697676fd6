"""Indicators (definition = programme content, locked once validated) and their
measurements (progress, recorded until the programme is closed)."""

import uuid
from collections.abc import Sequence
from functools import partial
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.core import etags
from api.core.clock import today
from api.core.integrity import delete_unless_referenced
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import columns_for
from api.core.writes import apply_changes, store
from api.programmes.models import Indicator, Measurement, WorkProgramme
from api.programmes.schemas_indicators import (
    IndicatorCreate,
    IndicatorPublic,
    IndicatorUpdate,
    MeasurementCreate,
)
from api.programmes.service import HistoryKept, ensure_content_editable, ensure_trackable


class IndicatorNotFound(NotFound):
    default_detail = "No indicator with this id."


class MeasurementNotFound(NotFound):
    default_detail = "No measurement with this id for this indicator."


class MeasurementExists(Conflict):
    default_detail = "This indicator already has a measurement on that date."


_INDICATOR_COLUMNS = columns_for(Indicator, IndicatorPublic)


def indicators_with_latest(*conditions: Any) -> Any:
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
    return (
        select(*columns)
        .outerjoin(
            latest,
            and_(col(latest.indicator_id) == col(Indicator.id), col(latest.measured_on) == newest),
        )
        .where(*conditions)
    )


def indicator_from_row(row: Any) -> IndicatorPublic:
    data = dict(row._mapping)
    on, value = data.pop("latest_on"), data.pop("latest_value")
    data["latest"] = None if on is None else {"measured_on": on, "value": value}
    return IndicatorPublic.model_validate(data)


def list_indicators(
    session: Session, *, action_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[IndicatorPublic], str | None]:
    """An action's indicators in order of creation."""
    rows, next_cursor = paginate(
        session,
        indicators_with_latest(col(Indicator.action_id) == action_id),
        keys=[col(Indicator.created_at), col(Indicator.id)],
        limit=limit,
        cursor=cursor,
    )
    return [indicator_from_row(row) for row in rows], next_cursor


def to_public(session: Session, indicator: Indicator) -> IndicatorPublic:
    stmt = indicators_with_latest(col(Indicator.id) == indicator.id)
    return indicator_from_row(session.connection().execute(stmt).one())


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


def list_measurements(
    session: Session, *, indicator_id: uuid.UUID, limit: int, cursor: str | None
) -> RowsPage:
    """The indicator's history, oldest first, ready to plot."""
    columns: Sequence[Any] = Measurement.__table__.columns  # type: ignore[attr-defined]
    return page_of_dicts(
        paginate(
            session,
            select(*columns).where(col(Measurement.indicator_id) == indicator_id),
            keys=[col(Measurement.measured_on), col(Measurement.id)],
            limit=limit,
            cursor=cursor,
        ),
    )


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
