"""The bodies package's HTTP API: its routers, in the order of its paths. A body's composition
against its targets (`/committees/{id}/bodies/{body_id}/composition`) counts its members, so
api.memberships.routes_composition serves it; the targets are kept here."""

from api.bodies import routes
from api.core.routers import mount

router = mount(routes.public_router, routes.router)
