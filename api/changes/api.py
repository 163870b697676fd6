"""The changes package's HTTP API."""

from api.changes import routes
from api.core.routers import mount

router = mount(routes.router)
