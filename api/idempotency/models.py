import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import now_field, ref, uuid_pk


class IdempotencyRecord(SQLModel, table=True):
    """The first answer to a keyed write, kept a day so that a retry gets it again. Answers
    may name people: expired records are deleted (api.idempotency.service), not kept."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("user_id", "key"), Index(None, "created_at"))

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = ref("users.id", ondelete="CASCADE")
    key: str = Field(sa_type=String(200))
    # Which write the key was used for ("PUT /meetings/{id}/attendance") and a hash of its body.
    scope: str = Field(sa_type=String(300))
    fingerprint: str = Field(sa_type=String(64))
    response: str = Field(sa_type=Text)
    created_at: datetime = now_field()
