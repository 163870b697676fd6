from fastapi import APIRouter

from api.auth.deps import login_required

router = APIRouter(dependencies=login_required)
