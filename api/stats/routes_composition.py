"""`/stats/composition`: bodies against their composition targets, network-wide."""

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.clock import today
from api.core.exports import (
    AsCsv,
    csv_documented,
    csv_response,
    dated_filename,
)
from api.core.pagination import AsOf
from api.core.reads import respond
from api.core.responses import LIST
from api.core.schemas import QueryBool
from api.db import ReaderDep
from api.stats import service_composition
from api.stats.deps import CountedQuery
from api.stats.schemas_composition import CompositionFigures

# Figures that count people: logged-in callers only.
router = APIRouter(prefix="/stats", tags=["stats"], dependencies=login_required)

# The CSV's columns: one row per body and category.
_COLUMNS = {
    "as_of": "the day (YYYY-MM-DD)",
    "scope": "`published` or `all`",
    "committee_id": "the body's committee",
    "body_id": "the body",
    "body_name": "its name",
    "body_kind": "its kind (`copil`, `cotech`…)",
    "body_members": "people with a term in the body that day",
    "body_below_target": "`true` when a category of the body is below its target",
    "category": "a person category (every one, a row each)",
    "members": "people of the category in the body",
    "share": "`members` over `body_members`, from 0 to 1 (empty when the body has none)",
    "target": "the least share set for the category (empty when none is)",
    "below_target": "`true` when the share is below the target",
}
_EXAMPLE = (
    "as_of,scope,committee_id,body_id,body_name,body_kind,body_members,body_below_target,"
    "category,members,share,target,below_target\r\n"
    "2025-01-01,published,3f…,9a…,COPIL,copil,9,false,person_supported,3,0.333…,0.3333,false\r\n"
)


@router.get(
    "/composition",
    operation_id="stats-composition",
    response_model=CompositionFigures,
    responses=LIST | csv_documented(_COLUMNS, _EXAMPLE),
)
async def composition(
    read: ReaderDep,
    as_csv: AsCsv,
    subject: CurrentSubject,
    counted: CountedQuery,
    as_of: AsOf = None,
    below_target_only: Annotated[
        QueryBool, Query(description="Only the bodies below at least one of their targets.")
    ] = False,
) -> Response:
    """Every body with a composition target, in the committees counted, with its members on
    `as_of` (today by default) by category next to its targets (as set now), and the number
    of bodies below them. People are counted: committee admins see their own committees'
    bodies, network admins every one."""
    read_figures = partial(
        service_composition.composition_figures, subject=subject, counted=counted,
        on=as_of or today(), below_target_only=below_target_only,
    )  # fmt: skip
    figures = await read.using_session(read_figures)
    if as_csv:
        filename = dated_filename("composition", figures["as_of"])
        return csv_response(list(_COLUMNS), _rows(figures), filename)
    return respond(CompositionFigures, figures)


def _rows(figures: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for body in figures["items"]:
        about = [figures["as_of"], figures["scope"], *(body[k] for k in _BODY_FIELDS)]
        rows += [[*about, *(c[k] for k in _CATEGORY_FIELDS)] for c in body["by_category"]]
    return rows


_BODY_FIELDS = ("committee_id", "body_id", "body_name", "body_kind", "members", "below_target")
_CATEGORY_FIELDS = ("category", "members", "share", "target", "below_target")
