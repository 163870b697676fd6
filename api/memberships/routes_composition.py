"""A body's composition against its targets. Served here, not in api.bodies: it counts the
body's members, and memberships sit a layer above bodies (bodies keep the targets)."""

from functools import partial

from fastapi import APIRouter, Response

from api.auth.deps import login_required
from api.bodies.deps import BodiesEditable, BodyId
from api.bodies.schemas import CompositionTargetsPut
from api.core.clock import today
from api.core.pagination import AsOf
from api.core.reads import respond
from api.core.responses import GUARDED_INPUT
from api.db import ReaderDep, SessionDep
from api.memberships import service_composition
from api.memberships.deps import MembersReadableUnchecked
from api.memberships.schemas_composition import BodyComposition

router = APIRouter(
    prefix="/committees/{committee_id}/bodies/{body_id}/composition",
    tags=["bodies"],
    dependencies=login_required,
)


@router.get(
    "",
    operation_id="bodies-composition-get",
    responses=GUARDED_INPUT,
    response_model=BodyComposition,
)
async def get_composition(
    read: ReaderDep, committee_id: MembersReadableUnchecked, body_id: BodyId, as_of: AsOf = None
) -> Response:
    """The body's members on `as_of` (today by default; terms covering that day, each person
    once), by category, with each category's share next to the committee's target for it
    (the targets as set now), and whether it is below. Who may read the committee's members
    may read it."""
    found = await read.using_session(
        partial(
            service_composition.composition,
            committee_id=committee_id,
            body_id=body_id,
            on=as_of or today(),
        )
    )
    return respond(BodyComposition, found)


@router.put("/targets", operation_id="bodies-composition-targets-put", responses=GUARDED_INPUT)
def put_targets(
    session: SessionDep, committee: BodiesEditable, body_id: BodyId, body: CompositionTargetsPut
) -> BodyComposition:
    """Set the body's targets, replacing the earlier set (`[]` clears it): for each category
    at most one, the least share of the body's members it should hold. Answers the
    composition today. Who manages the committee's bodies may set them."""
    found = service_composition.set_targets(
        session, committee_id=committee.id, body_id=body_id, targets=body.targets, on=today()
    )
    return BodyComposition.model_validate(found)
