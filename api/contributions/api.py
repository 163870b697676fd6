"""The contributions package's HTTP API: its routers, in the order of its paths."""

from api.contributions import routes
from api.core.routers import mount

router = mount(routes.router)
