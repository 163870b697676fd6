"""Idempotency keys for bulk writes (DESIGN §4): a client that retries a write it got no
answer to, with the same `Idempotency-Key`, gets the first answer again and the change is
made once.

The record is written in the change's own session: both commit or neither does. Two
concurrent requests with one key both run, and the second to commit hits the unique
(user, key) constraint: a 409, its change rolled back. A key lasts a day; each keyed write
deletes the records older than that."""

import hashlib
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from pydantic import BaseModel
from sqlmodel import Session, col, delete, select

from api.core.clock import utcnow
from api.core.problems import InvalidInput
from api.idempotency.models import IdempotencyRecord

KEY_LIFETIME = timedelta(hours=24)

Out = TypeVar("Out", bound=BaseModel)


class IdempotencyKeyReused(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was already used for a different request; use a new key "
            "for a new request.",
            field=[],
        )
        self.errors = [
            {"loc": ["header", "Idempotency-Key"], "msg": self.detail, "type": "value_error"}
        ]


def once(
    session: Session,
    *,
    key: str | None,
    user_id: uuid.UUID,
    client_id: uuid.UUID | None = None,
    scope: str,
    request: BaseModel,
    output: type[Out],
    run: Callable[[], Out],
) -> Out:
    """`run()`'s answer; with a key already used for this very request, the first answer
    instead, without running it again. A machine client's keys are its own (`client_id`,
    which is then also its `user_id` in a `Subject`)."""
    if key is None:
        return run()
    fingerprint = hashlib.sha256(request.model_dump_json().encode()).hexdigest()
    # Every expired record, not only this user's: answers may name people, and are kept no
    # longer than their use.
    session.exec(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < utcnow() - KEY_LIFETIME)
    )
    owner = (
        col(IdempotencyRecord.client_id) == client_id
        if client_id is not None
        else col(IdempotencyRecord.user_id) == user_id
    )
    record = session.exec(
        select(IdempotencyRecord).where(owner, IdempotencyRecord.key == key)
    ).first()
    if record is not None:
        if (record.scope, record.fingerprint) != (scope, fingerprint):
            raise IdempotencyKeyReused()
        return output.model_validate_json(record.response)
    answer = run()
    session.add(
        IdempotencyRecord(
            user_id=None if client_id is not None else user_id,
            client_id=client_id,
            key=key,
            scope=scope,
            fingerprint=fingerprint,
            response=answer.model_dump_json(),
        )
    )
    session.flush()
    return answer
