"""Meetings (built from the model, for speed)."""

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.meetings.models import Meeting
from tests.factories import save

_counter = itertools.count(1)


def make_meeting(session: Session, *, committee: Committee, **overrides: Any) -> Meeting:
    n = next(_counter)
    starts_at = overrides.pop("starts_at", datetime(2024, 1, 1, 9, tzinfo=UTC) + timedelta(days=n))
    fields: dict[str, Any] = {
        "committee_id": committee.id,
        "kind": "body_meeting",
        "title": f"Réunion n°{n}",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "mode": "in_person",
    } | overrides
    return save(session, Meeting(**fields))
