"""The stats package's HTTP API."""

from api.core.routers import mount
from api.stats import routes, routes_composition

router = mount(routes.public_router, routes_composition.router)
