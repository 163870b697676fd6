import uuid

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from api.core.models import Timestamped, Versioned, link_key, one_of, uuid_pk

ORGANISATION_TYPES = (
    "departmental_council", "caf", "msa", "ccas", "ars", "state_service", "training_institute",
    "association", "federation", "crpa", "university", "other",
)  # fmt: skip


class Organisation(Versioned, Timestamped, table=True):
    __tablename__ = "organisations"
    __table_args__ = (
        one_of("type", ORGANISATION_TYPES),
        Index(None, "name", "id"),
    )

    id: uuid.UUID = uuid_pk()
    type: str = Field(sa_type=String(30))
    name: str = Field(sa_type=String(200))
    search_key: str = Field(sa_type=String(200))
    department_code: str | None = Field(default=None, sa_type=String(3))
    siret: str | None = Field(default=None, sa_type=String(14), unique=True)


class CommitteeCarrier(SQLModel, table=True):
    """An organisation that carries (*porte*) a committee, in the order they are named."""

    __tablename__ = "committee_carriers"

    committee_id: uuid.UUID = link_key("committees.id", ondelete="CASCADE")
    organisation_id: uuid.UUID = link_key("organisations.id", ondelete="RESTRICT", index=True)
    position: int
