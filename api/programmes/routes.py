from fastapi import APIRouter

from api.auth.deps import login_required

# Reads of published programmes are open to anonymous callers; the rest needs a login.
public_router = APIRouter()
router = APIRouter(dependencies=login_required)
