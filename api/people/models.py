import uuid

from sqlalchemy import Index, String, UniqueConstraint
from sqlmodel import Field

from api.core.models import Timestamped, Versioned, one_of, uuid_pk

PERSON_CATEGORIES = (
    "person_supported", "social_worker", "manager", "elected_official", "student", "volunteer",
    "trainer_researcher", "institutional_partner", "other",
)  # fmt: skip


class Person(Versioned, Timestamped, table=True):
    __tablename__ = "people"
    __table_args__ = (
        one_of("category", PERSON_CATEGORIES),
        # Synced records are unique per source system; NULLs (hand-made records) never clash.
        UniqueConstraint("source", "external_id"),
        # SCIM's `userName`: what a directory tool calls the person, unique in the service.
        UniqueConstraint("user_name"),
        Index(None, "sort_key", "id"),
    )

    id: uuid.UUID = uuid_pk()
    first_name: str = Field(sa_type=String(100))
    last_name: str = Field(sa_type=String(100))
    # "last first", folded: the order of lists and the target of search.
    sort_key: str = Field(sa_type=String(210))
    email: str | None = Field(default=None, sa_type=String(254))
    phone: str | None = Field(default=None, sa_type=String(30))
    category: str = Field(sa_type=String(30))
    # NO ACTION: deleting what this refers to is refused (see api.core.integrity).
    organisation_id: uuid.UUID | None = Field(
        default=None, foreign_key="organisations.id", index=True
    )
    external_id: str | None = Field(default=None, sa_type=String(200))
    source: str | None = Field(default=None, sa_type=String(100))
    user_name: str | None = Field(default=None, sa_type=String(200))
