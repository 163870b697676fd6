"""The webhooks package's HTTP API."""

from api.core.routers import mount
from api.webhooks import routes

router = mount(routes.router)
