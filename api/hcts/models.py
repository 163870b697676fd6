import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlmodel import Field

from api.core.models import (
    Timestamped,
    Versioned,
    json_list_field,
    now_field,
    one_of,
    optional_ref,
    optional_time_field,
    ref,
    uuid_pk,
)

PUBLICATION_KINDS = ("report", "opinion", "practice_sheet", "guide", "recommendation", "news")
PUBLICATION_STATUSES = ("draft", "published")
RELAY_CHANNELS = ("mailing_list", "meeting", "event", "website", "social_media", "other")
CANDIDATURE_STATUSES = ("proposed", "accepted", "declined", "withdrawn")
MANDATE_ROLES = ("titular", "substitute")
MANDATE_SEATS = (
    "plenary", "permanent_commission", "ethics_commission", "working_group", "other",
)  # fmt: skip


class Axis(Versioned, Timestamped, table=True):
    """An axis of an HCTS work programme (e.g. the four axes of 2020–2021)."""

    __tablename__ = "hcts_axes"
    __table_args__ = (
        CheckConstraint("ends_in IS NULL OR ends_in >= starts_in", name="years"),
        Index(None, "starts_in", "position", "id"),
    )

    id: uuid.UUID = uuid_pk()
    code: str = Field(sa_type=String(40), unique=True)
    title: str = Field(sa_type=String(300))
    description: str | None = Field(default=None, sa_type=Text)
    starts_in: int  # first year of the HCTS programme
    ends_in: int | None = None
    position: int = 0


class Publication(Versioned, Timestamped, table=True):
    __tablename__ = "hcts_publications"
    __table_args__ = (
        one_of("kind", PUBLICATION_KINDS),
        one_of("status", PUBLICATION_STATUSES),
        Index(None, "status", "published_on", "id"),
    )

    id: uuid.UUID = uuid_pk()
    kind: str = Field(sa_type=String(20))
    status: str = Field(default="draft", sa_type=String(20))
    title: str = Field(sa_type=String(300))
    summary: str | None = Field(default=None, sa_type=Text)
    published_on: date  # the document's own date
    url: str | None = Field(default=None, sa_type=String(2000))
    themes: list[str] = json_list_field()
    axis_id: uuid.UUID | None = optional_ref("hcts_axes.id", index=True)
    # When it was published in ancrage: the inbox's order.
    published_at: datetime | None = optional_time_field()


class Relay(Versioned, Timestamped, table=True):
    """A committee passed a publication on to its network (when and how)."""

    __tablename__ = "hcts_relays"
    __table_args__ = (
        one_of("channel", RELAY_CHANNELS),
        UniqueConstraint("publication_id", "committee_id", "channel", "relayed_on"),
        Index(None, "committee_id", "publication_id"),
    )

    id: uuid.UUID = uuid_pk()
    publication_id: uuid.UUID = ref("hcts_publications.id", ondelete="RESTRICT")
    committee_id: uuid.UUID = ref("committees.id")
    relayed_on: date
    channel: str = Field(sa_type=String(20))
    meeting_id: uuid.UUID | None = optional_ref("meetings.id", ondelete="NO ACTION", index=True)
    note: str | None = Field(default=None, sa_type=Text)
    created_by: uuid.UUID | None = optional_ref("users.id")


class Call(Versioned, Timestamped, table=True):
    """A call for candidates to an HCTS working group. Open until the end of `deadline`
    (Europe/Paris)."""

    __tablename__ = "hcts_calls"
    __table_args__ = (Index(None, "deadline", "id"),)

    id: uuid.UUID = uuid_pk()
    title: str = Field(sa_type=String(300))
    description: str | None = Field(default=None, sa_type=Text)
    working_group: str = Field(sa_type=String(300))
    deadline: date
    axis_id: uuid.UUID | None = optional_ref("hcts_axes.id", index=True)


class Candidature(Versioned, table=True):
    """A committee proposes one of its people to a call; HCTS accepts or declines."""

    __tablename__ = "hcts_candidatures"
    __table_args__ = (
        one_of("status", CANDIDATURE_STATUSES),
        UniqueConstraint("call_id", "person_id"),
        Index(None, "call_id", "committee_id"),
    )

    id: uuid.UUID = uuid_pk()
    call_id: uuid.UUID = ref("hcts_calls.id", ondelete="RESTRICT")
    committee_id: uuid.UUID = ref("committees.id", index=True)
    person_id: uuid.UUID = ref("people.id", index=True)
    motivation: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="proposed", sa_type=String(20))
    decision_note: str | None = Field(default=None, sa_type=Text)
    proposed_at: datetime = now_field()
    proposed_by: uuid.UUID | None = optional_ref("users.id")
    decided_at: datetime | None = optional_time_field()
    decided_by: uuid.UUID | None = optional_ref("users.id")
    updated_at: datetime = now_field()


class Mandate(Versioned, Timestamped, table=True):
    """A seat of the committees' college at HCTS, held by a committee's person."""

    __tablename__ = "hcts_mandates"
    __table_args__ = (
        one_of("role", MANDATE_ROLES),
        one_of("seat", MANDATE_SEATS),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates"),
        Index(None, "starts_on", "ends_on"),
    )

    id: uuid.UUID = uuid_pk()
    person_id: uuid.UUID = ref("people.id", index=True)
    committee_id: uuid.UUID = ref("committees.id", index=True)
    role: str = Field(sa_type=String(20))
    seat: str = Field(sa_type=String(30))
    seat_label: str | None = Field(default=None, sa_type=String(200))
    starts_on: date
    ends_on: date | None = None
