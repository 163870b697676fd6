import uuid
from decimal import Decimal

from sqlalchemy import CheckConstraint, Numeric, String, Text
from sqlmodel import Field, SQLModel

from api.core.models import Timestamped, Versioned, link_key, one_of, ref, uuid_pk
from api.people.schemas import PersonCategory

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
    # SCIM's `externalId`: the id a directory tool gives the group.
    external_id: str | None = Field(default=None, sa_type=String(200))


class CompositionTarget(SQLModel, table=True):
    """A body's target: at least this share of its members in one person category (a third
    of personnes accompagnées in the COPIL). A body has one per category at most (the key),
    and its set is replaced as a whole: a setting, not a record, so it keeps no history."""

    __tablename__ = "composition_targets"
    __table_args__ = (
        one_of("category", tuple(c.value for c in PersonCategory)),
        CheckConstraint("at_least > 0 AND at_least <= 1", name="at_least"),
    )

    body_id: uuid.UUID = link_key("bodies.id", ondelete="CASCADE")
    category: str = Field(sa_type=String(30), primary_key=True)
    # A fraction with four decimals, exact on both databases (a float would make 0.3333 a
    # binary approximation, and "equal to the target" a matter of luck).
    at_least: Decimal = Field(sa_type=Numeric(5, 4))
