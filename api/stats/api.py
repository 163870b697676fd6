"""The stats package's HTTP API."""

from api.core.routers import mount
from api.stats import routes

router = mount(routes.public_router)
