from fastapi import APIRouter

from api.auth.deps import login_required

public_router = APIRouter()
router = APIRouter(dependencies=login_required)
