import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlmodel import Field, SQLModel

from api.core.models import Timestamped, Versioned, link_key, one_of, ref, uuid_pk

WORKING_GROUP_STATUSES = ("planned", "active", "paused", "closed")


class WorkingGroup(Versioned, Timestamped, table=True):
    __tablename__ = "working_groups"
    __table_args__ = (
        one_of("status", WORKING_GROUP_STATUSES),
        CheckConstraint("end_on IS NULL OR start_on IS NULL OR end_on >= start_on", name="dates"),
        Index(None, "committee_id", "title", "id"),
    )

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    title: str = Field(sa_type=String(200))
    mandate: str | None = Field(default=None, sa_type=Text)
    theme: str | None = Field(default=None, sa_type=String(200))
    status: str = Field(sa_type=String(20))
    start_on: date | None = None
    end_on: date | None = None


class WorkingGroupPilot(SQLModel, table=True):
    __tablename__ = "working_group_pilots"

    working_group_id: uuid.UUID = link_key("working_groups.id", ondelete="CASCADE")
    person_id: uuid.UUID = link_key("people.id", index=True)


class WorkingGroupMember(SQLModel, table=True):
    """A member of the group: one of the committee's memberships."""

    __tablename__ = "working_group_members"

    working_group_id: uuid.UUID = link_key("working_groups.id", ondelete="CASCADE")
    membership_id: uuid.UUID = link_key("memberships.id", index=True)
