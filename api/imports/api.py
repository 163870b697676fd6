"""The imports package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.imports import routes

router = mount(routes.router)
