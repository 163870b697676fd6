import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import now_field, optional_ref, uuid_pk


class IdempotencyRecord(SQLModel, table=True):
    """The first answer to a keyed write, kept a day so that a retry gets it again. Answers
    may name people: expired records are deleted (api.idempotency.service), not kept."""

    __tablename__ = "idempotency_records"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        UniqueConstraint("client_id", "key"),
        Index(None, "created_at"),
        CheckConstraint("(user_id IS NULL) <> (client_id IS NULL)", name="caller"),
    )

    id: uuid.UUID = uuid_pk()
    # Whose key it is: a user's, or a machine client's (each its own namespace of keys).
    user_id: uuid.UUID | None = optional_ref("users.id", ondelete="CASCADE")
    client_id: uuid.UUID | None = optional_ref("machine_clients.id", ondelete="CASCADE")
    key: str = Field(sa_type=String(200))
    # Which write the key was used for ("PUT /meetings/{id}/attendance") and a hash of its body.
    scope: str = Field(sa_type=String(300))
    fingerprint: str = Field(sa_type=String(64))
    response: str = Field(sa_type=Text)
    created_at: datetime = now_field()
