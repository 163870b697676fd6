"""The committees package's HTTP API: its routers, in the order of its paths."""

from api.committees import routes
from api.core.routers import mount

router = mount(routes.public_router, routes.router)
