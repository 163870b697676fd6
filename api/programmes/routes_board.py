"""The programme board, read in one go; public for published programmes (see deps.can_read)."""

from fastapi import Response

from api.auth.deps import PublicRouter
from api.core.reads import respond
from api.core.responses import READ_ONE
from api.programmes.deps import ReadableBoard
from api.programmes.schemas_board import BoardPublic

router = PublicRouter(tags=["work-programmes"])


@router.get(
    "/work-programmes/{programme_id}/board",
    operation_id="work-programmes-board",
    responses=READ_ONE,
    response_model=BoardPublic,
)
async def get_board(found: ReadableBoard) -> Response:
    """The programme, its transitions, its actions in order with their deliverables (overdue
    flagged) and indicators (latest value): the whole board in a fixed number of queries."""
    return respond(BoardPublic, found.public)
