"""Imports every table module, so `SQLModel.metadata` is complete (Alembic, tests)."""

from api.auth import models as auth_models
from api.committees import models as committee_models

__all__ = ["auth_models", "committee_models"]
