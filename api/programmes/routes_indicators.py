"""Indicators and their measurements; reads are public for published programmes (see
deps.can_read)."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.auth.deps import PublicRouter, login_required
from api.core.etags import IfMatch
from api.core.pagination import Cursor, Limit
from api.core.reads import respond
from api.core.responses import (
    CHANGE,
    CREATE_IN,
    DELETE,
    LIST_IN,
    READ_ONE,
    REFUSABLE,
    created,
    with_etag,
)
from api.db import ReaderDep, SessionDep
from api.programmes import service_indicators as service
from api.programmes.deps import (
    ReadableActionAnswer,
    ReadableIndicatorAnswer,
    WritableAction,
    WritableIndicator,
)
from api.programmes.schemas_indicators import (
    IndicatorCreate,
    IndicatorPage,
    IndicatorPublic,
    IndicatorUpdate,
    MeasurementCreate,
    MeasurementPage,
    MeasurementPublic,
)

public_router = PublicRouter(tags=["indicators"])
router = APIRouter(tags=["indicators"], dependencies=login_required)

MeasurementId = Annotated[uuid.UUID, Path(description="The measurement's id.")]


@public_router.get(
    "/actions/{action_id}/indicators",
    operation_id="indicators-list",
    responses=LIST_IN,
    response_model=IndicatorPage,
)
async def list_indicators(
    read: ReaderDep, found: ReadableActionAnswer, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The action's indicators in order of creation, each with its latest measurement."""
    return await read.page(
        IndicatorPage,
        partial(service.list_indicators, action_id=found.public["id"], limit=limit, cursor=cursor),
    )


@router.post(
    "/actions/{action_id}/indicators",
    status_code=201,
    operation_id="indicators-create",
    responses=CREATE_IN,
)
def create_indicator(
    session: SessionDep,
    found: WritableAction,
    body: IndicatorCreate,
    request: Request,
    response: Response,
) -> IndicatorPublic:
    """Define an indicator (409 once the programme is validated: its content is locked)."""
    indicator = service.create_indicator(
        session, action_id=found.action.id, programme=found.programme, data=body
    )
    created(request, response, indicator.version, at="indicators-get", indicator_id=indicator.id)
    return service.to_public(session, indicator)


@public_router.get(
    "/indicators/{indicator_id}",
    operation_id="indicators-get",
    responses=READ_ONE,
    response_model=IndicatorPublic,
)
async def get_indicator(found: ReadableIndicatorAnswer) -> Response:
    return respond(IndicatorPublic, found.public, version=found.version)


@router.patch("/indicators/{indicator_id}", operation_id="indicators-update", responses=CHANGE)
def update_indicator(
    session: SessionDep,
    found: WritableIndicator,
    body: IndicatorUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> IndicatorPublic:
    """Change the definition (409 once the programme is validated)."""
    indicator = service.update_indicator(
        session, indicator=found.indicator, programme=found.programme, data=body, if_match=if_match
    )
    return with_etag(response, indicator.version, service.to_public(session, indicator))


@router.delete(
    "/indicators/{indicator_id}",
    status_code=204,
    operation_id="indicators-delete",
    responses=DELETE,
)
def delete_indicator(
    session: SessionDep, found: WritableIndicator, if_match: IfMatch = None
) -> None:
    """Remove an indicator (409 once the programme is validated, or while it holds
    measurements: delete them first)."""
    service.delete_indicator(
        session, indicator=found.indicator, programme=found.programme, if_match=if_match
    )


@public_router.get(
    "/indicators/{indicator_id}/measurements",
    operation_id="measurements-list",
    responses=LIST_IN,
    response_model=MeasurementPage,
)
async def list_measurements(
    read: ReaderDep, found: ReadableIndicatorAnswer, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The indicator's measurements by date, oldest first."""
    return await read.page(
        MeasurementPage,
        partial(
            service.list_measurements, indicator_id=found.public["id"], limit=limit, cursor=cursor
        ),
    )


@router.post(
    "/indicators/{indicator_id}/measurements",
    status_code=201,
    operation_id="measurements-create",
    responses=CREATE_IN,
)
def add_measurement(
    session: SessionDep, found: WritableIndicator, body: MeasurementCreate
) -> MeasurementPublic:
    """Record a value (one per date: 409 for a second; allowed until the programme is
    closed)."""
    measurement = service.add_measurement(
        session, indicator=found.indicator, programme=found.programme, data=body
    )
    return MeasurementPublic.model_validate(measurement)


@router.delete(
    "/indicators/{indicator_id}/measurements/{measurement_id}",
    status_code=204,
    operation_id="measurements-delete",
    responses=REFUSABLE,
)
def delete_measurement(
    session: SessionDep, found: WritableIndicator, measurement_id: MeasurementId
) -> None:
    """Remove a mistaken measurement (until the programme is closed)."""
    service.delete_measurement(
        session,
        indicator=found.indicator,
        programme=found.programme,
        measurement_id=measurement_id,
    )
