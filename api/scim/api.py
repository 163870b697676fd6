"""The scim package's HTTP API: `/scim/v2`, every route answering errors as SCIM does."""

from api.core.routers import mount
from api.scim import routes

router = mount(routes.router)
