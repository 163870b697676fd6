"""The programmes package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.programmes import (
    routes,
    routes_actions,
    routes_board,
    routes_deliverables,
    routes_indicators,
    routes_tags,
)

router = mount(
    routes.public_router,
    routes_actions.public_router,
    routes_tags.public_router,
    routes.router,
    routes_actions.router,
    routes_tags.router,
    routes_deliverables.public_router,
    routes_deliverables.router,
    routes_board.router,
    routes_indicators.public_router,
    routes_indicators.router,
)
