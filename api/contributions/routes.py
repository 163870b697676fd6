"""Routes: to be written (stub registered so the app wiring is in place)."""

from fastapi import APIRouter

from api.auth.deps import login_required

public_router = APIRouter(tags=["contributions"])
router = APIRouter(tags=["contributions"], dependencies=login_required)
