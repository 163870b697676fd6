from fastapi import APIRouter

from api.auth.deps import login_required
from api.meetings import routes_claims, routes_votes

router = APIRouter(dependencies=login_required)
router.include_router(routes_votes.router)
router.include_router(routes_claims.router)
