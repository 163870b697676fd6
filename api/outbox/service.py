"""Emit a domain event into the outbox, inside the caller's transaction.

The row is added to the same session as the change: both commit together or neither does.
Payloads carry identifiers and states, never personal data (names, e-mails, categories):
the change feed and webhooks that read them are machine-facing.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python
from sqlmodel import Session, col, select

from api.outbox.models import OutboxEvent


def emit(
    session: Session,
    type: str,
    *,
    committee_id: uuid.UUID | None,
    payload: Mapping[str, Any],
    person_id: uuid.UUID | None = None,
) -> OutboxEvent:
    """Record that `type` happened (`<domain>.<thing>.<verb>`, e.g. `contribution.submitted`).

    `person_id`: the person an event about a person (not a committee's) concerns, whose terms
    say who may read it in the change feed."""
    event = OutboxEvent(
        type=type,
        committee_id=committee_id,
        person_id=person_id,
        payload=to_jsonable_python(dict(payload)),
    )
    session.add(event)
    return event


def events_since(session: Session, *, after: int = 0, limit: int = 100) -> list[OutboxEvent]:
    """Events in the order they were written (the change feed will page with this)."""
    stmt = (
        select(OutboxEvent).where(col(OutboxEvent.id) > after).order_by(col(OutboxEvent.id))
    ).limit(limit)
    return list(session.exec(stmt).all())
