"""The working groups package's HTTP API: its routers, in the order of its paths."""

from api.working_groups import routes
from api.core.routers import mount

router = mount(routes.router)
