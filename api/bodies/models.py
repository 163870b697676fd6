import uuid

from sqlalchemy import CheckConstraint, String, Text
from sqlmodel import Field

from api.core.models import Timestamped, Versioned, uuid_pk

BODY_KINDS = (
    "copil", "cotech", "plenary", "agora", "thematic", "ethics", "working_group", "other",
)  # fmt: skip


class Body(Versioned, Timestamped, table=True):
    __tablename__ = "bodies"
    __table_args__ = (CheckConstraint(f"kind IN {BODY_KINDS}", name="kind"),)

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = Field(foreign_key="committees.id", ondelete="CASCADE", index=True)
    kind: str = Field(sa_type=String(20))
    name: str = Field(sa_type=String(200))
    description: str | None = Field(default=None, sa_type=Text)
