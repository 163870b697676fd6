"""The working groups package's HTTP API: its routers, in the order of its paths."""

from api.core.routers import mount
from api.working_groups import routes

router = mount(routes.router)
