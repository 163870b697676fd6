import uuid

from sqlalchemy import String, Text
from sqlmodel import Field

from api.core.models import Timestamped, Versioned, one_of, ref, uuid_pk

BODY_KINDS = (
    "copil", "cotech", "plenary", "agora", "thematic", "ethics", "working_group", "other",
)  # fmt: skip


class Body(Versioned, Timestamped, table=True):
    __tablename__ = "bodies"
    __table_args__ = (one_of("kind", BODY_KINDS),)

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id", ondelete="CASCADE", index=True)
    kind: str = Field(sa_type=String(20))
    name: str = Field(sa_type=String(200))
    description: str | None = Field(default=None, sa_type=Text)
