"""The territories package's HTTP API: its routers, in the order of its paths."""

from api.territories import routes
from api.core.routers import mount

router = mount(routes.public_router)
