"""The meetings package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.meetings import (
    routes,
    routes_attendance,
    routes_claims,
    routes_decisions,
    routes_headcount,
    routes_votes,
)

router = mount(
    routes_votes.router,
    routes_claims.router,
    routes_decisions.router,
    routes_attendance.router,
    routes_headcount.router,
    routes.router,
)
