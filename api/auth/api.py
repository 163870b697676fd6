"""The auth package's HTTP API: its routers, in the order of its paths."""

from api.auth import routes
from api.core.routers import mount

router = mount(routes.public_router)
