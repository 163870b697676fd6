"""The clients package's HTTP API: its routers, in the order of its paths."""

from api.clients import routes
from api.core.routers import mount

router = mount(routes.router)
