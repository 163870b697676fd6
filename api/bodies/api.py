"""The bodies package's HTTP API: its routers, in the order of its paths."""

from api.bodies import routes
from api.core.routers import mount

router = mount(routes.router)
