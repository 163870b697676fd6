"""The organisations package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.organisations import routes

router = mount(routes.router)
