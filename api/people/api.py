"""The people package's HTTP API: its routers, in the order of its paths."""

from api.people import routes
from api.core.routers import mount

router = mount(routes.router)
