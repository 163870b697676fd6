"""Imports every table module, so `SQLModel.metadata` is complete (Alembic, tests)."""

from api.auth import models as auth_models
from api.bodies import models as body_models
from api.committees import models as committee_models
from api.contributions import models as contribution_models
from api.hcts import models as hcts_models
from api.idempotency import models as idempotency_models
from api.inbox import models as inbox_models
from api.meetings import models as meeting_models
from api.memberships import models as membership_models
from api.newsletter import models as newsletter_models
from api.organisations import models as organisation_models
from api.outbox import models as outbox_models
from api.people import models as people_models
from api.programmes import models as programme_models
from api.seminars import models as seminar_models
from api.webhooks import models as webhook_models
from api.working_groups import models as working_group_models

__all__ = [
    "auth_models",
    "body_models",
    "committee_models",
    "contribution_models",
    "hcts_models",
    "idempotency_models",
    "inbox_models",
    "meeting_models",
    "membership_models",
    "newsletter_models",
    "organisation_models",
    "outbox_models",
    "people_models",
    "programme_models",
    "seminar_models",
    "webhook_models",
    "working_group_models",
]
