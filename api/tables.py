"""Imports every table module, so `SQLModel.metadata` is complete (Alembic, tests)."""

from api.auth import models as auth_models
from api.bodies import models as body_models
from api.committees import models as committee_models
from api.meetings import models as meeting_models
from api.memberships import models as membership_models
from api.organisations import models as organisation_models
from api.people import models as people_models
from api.programmes import models as programme_models
from api.working_groups import models as working_group_models

__all__ = [
    "auth_models",
    "body_models",
    "committee_models",
    "meeting_models",
    "membership_models",
    "organisation_models",
    "people_models",
    "programme_models",
    "working_group_models",
]
