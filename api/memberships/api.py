"""The memberships package's HTTP API: its routers, in the order of its paths."""

from api.memberships import routes
from api.core.routers import mount

router = mount(routes.router)
