"""The memberships package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.memberships import routes, routes_composition

router = mount(routes.router, routes_composition.router)
