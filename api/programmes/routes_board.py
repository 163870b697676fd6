"""The programme board, read in one go; public for published programmes (see deps.can_read)."""

from functools import partial

from fastapi import Response

from api.auth.deps import PublicRouter
from api.core.reads import respond
from api.core.responses import READ_ONE
from api.db import ReaderDep
from api.programmes import service_board
from api.programmes.deps import ReadableBoard
from api.programmes.schemas_board import BoardPublic

router = PublicRouter(tags=["work-programmes"])


@router.get(
    "/work-programmes/{programme_id}/board",
    operation_id="work-programmes-board",
    responses=READ_ONE,
    response_model=BoardPublic,
)
async def get_board(read: ReaderDep, found: ReadableBoard) -> Response:
    """The programme, its transitions, its actions in order with their deliverables (overdue
    flagged) and indicators (latest value): the whole board in a fixed number of queries."""
    board = await read.using_session(partial(service_board.board, found=found))
    return respond(BoardPublic, board)
