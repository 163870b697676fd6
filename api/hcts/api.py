"""The hcts package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.hcts import routes_calls, routes_publications, routes_representatives

router = mount(
    routes_publications.public_router,
    routes_publications.router,
    routes_calls.public_router,
    routes_calls.router,
    routes_representatives.public_router,
    routes_representatives.router,
)
