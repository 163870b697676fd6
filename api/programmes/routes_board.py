"""The programme board, read in one go; public for published programmes (see deps.can_read)."""

from api.auth.deps import PublicRouter
from api.core.responses import READ_ONE
from api.db import SessionDep
from api.programmes import service_board
from api.programmes.deps import ReadableProgramme
from api.programmes.schemas_board import BoardPublic

router = PublicRouter(tags=["work-programmes"])


@router.get(
    "/work-programmes/{programme_id}/board",
    operation_id="work-programmes-board",
    responses=READ_ONE,
)
def get_board(session: SessionDep, programme: ReadableProgramme) -> BoardPublic:
    """The programme, its transitions, its actions in order with their deliverables (overdue
    flagged) and indicators (latest value): the whole board in a fixed number of queries."""
    return service_board.board(session, programme=programme)
