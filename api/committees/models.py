import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import Timestamped, Versioned, link_key, now_field, optional_ref, ref, uuid_pk


class Committee(Versioned, Timestamped, table=True):
    __tablename__ = "committees"
    __table_args__ = (
        CheckConstraint(
            "scale IN ('regional', 'departmental', 'interdepartmental', 'local')", name="scale"
        ),
        CheckConstraint(
            "status IN ('reflection', 'construction', 'active', 'dormant', 'closed')",
            name="status",
        ),
        Index(None, "name", "id"),
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(200))
    short_name: str | None = Field(default=None, sa_type=String(60))
    # Name and short name folded (lower case, no accents), for accent-blind search.
    search_key: str = Field(sa_type=String(300))
    scale: str = Field(sa_type=String(20))
    parent_id: uuid.UUID | None = optional_ref("committees.id", ondelete="RESTRICT", index=True)
    description: str | None = Field(default=None, sa_type=Text)
    contact_email: str | None = Field(default=None, sa_type=String(254))
    is_public: bool = True
    status: str = Field(sa_type=String(20), index=True)
    status_since: date

    territories: list["CommitteeTerritory"] = Relationship(
        sa_relationship_kwargs={
            "cascade": "all, delete-orphan",
            "passive_deletes": True,
            "lazy": "selectin",
            "order_by": "(CommitteeTerritory.kind, CommitteeTerritory.code)",
        }
    )

    @property
    def region_codes(self) -> list[str]:
        return [t.code for t in self.territories if t.kind == "region"]

    @property
    def department_codes(self) -> list[str]:
        return [t.code for t in self.territories if t.kind == "department"]


class CommitteeTerritory(SQLModel, table=True):
    """An INSEE territory a committee covers; a table so lists can filter on it in SQL."""

    __tablename__ = "committee_territories"
    __table_args__ = (
        CheckConstraint("kind IN ('region', 'department')", name="kind"),
        Index(None, "kind", "code"),
    )

    committee_id: uuid.UUID = link_key("committees.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(10), primary_key=True)
    code: str = Field(sa_type=String(3), primary_key=True)


class CommitteeStatusChange(SQLModel, table=True):
    """A dated status transition; the history answers "which status on day D"."""

    __tablename__ = "committee_status_changes"
    __table_args__ = (Index(None, "committee_id", "seq", unique=True),)

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    # Order within a committee's history; several changes may share an effective date.
    seq: int
    status: str = Field(sa_type=String(20))
    effective_on: date = Field(index=True)
    recorded_at: datetime = now_field()
    recorded_by: uuid.UUID | None = optional_ref("users.id")
