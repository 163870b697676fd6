import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from api.core.models import link_key, now_field, one_of, optional_ref

INBOX_KINDS = ("publication", "call", "contribution_update", "seminar")


class InboxRead(SQLModel, table=True):
    """An inbox item a committee has read. Unread is the absence of a row."""

    __tablename__ = "inbox_reads"
    __table_args__ = (one_of("kind", INBOX_KINDS),)

    committee_id: uuid.UUID = link_key("committees.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(30), primary_key=True)
    # A publication, call or seminar id, or a contribution transition's id.
    item_id: uuid.UUID = Field(primary_key=True)
    read_at: datetime = now_field()
    read_by: uuid.UUID | None = optional_ref("users.id")
