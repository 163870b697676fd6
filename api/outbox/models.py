import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from api.core.models import now_field


class OutboxEvent(SQLModel, table=True):
    """One state change. `id` grows with every event: the change feed's position."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index(None, "committee_id", "id"),)

    id: int | None = Field(
        default=None,
        sa_column=Column(
            # SQLite only auto-increments an INTEGER PRIMARY KEY.
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
    )
    type: str = Field(sa_type=String(60))
    occurred_at: datetime = now_field()
    committee_id: uuid.UUID | None = Field(default=None)
    payload: dict[str, Any] = Field(
        default_factory=dict,
        sa_column=Column(JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    )
