import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Double, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import (
    Timestamped,
    Versioned,
    link_key,
    now_field,
    one_of,
    optional_ref,
    ref,
    uuid_pk,
)

PROGRAMME_STATUSES = ("draft", "proposed", "validated", "in_progress", "closed")
# The network's seven-step method.
METHOD_STEPS = (
    "needs_survey", "diagnostics_review", "hcts_recommendations", "prioritisation",
    "objectives_deliverables", "pilot_members", "calendar",
)  # fmt: skip
TAG_KINDS = ("hcts_axis", "national_strategy", "theme")
DELIVERABLE_KINDS = ("report", "practice_sheet", "event", "training", "communication", "other")
DELIVERABLE_STATUSES = ("planned", "in_progress", "delivered", "dropped")


class WorkProgramme(Versioned, Timestamped, table=True):
    __tablename__ = "work_programmes"
    __table_args__ = (
        one_of("status", PROGRAMME_STATUSES),
        CheckConstraint("period_end >= period_start", name="period"),
        Index(None, "committee_id", "period_start", "id"),
    )

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    title: str = Field(sa_type=String(200))
    period_start: date
    period_end: date
    status: str = Field(sa_type=String(20))


class ProgrammeTransition(SQLModel, table=True):
    """A dated lifecycle step, who made it, and the body meeting that decided it."""

    __tablename__ = "work_programme_transitions"
    __table_args__ = (Index(None, "programme_id", "seq", unique=True),)

    id: uuid.UUID = uuid_pk()
    programme_id: uuid.UUID = ref("work_programmes.id")
    seq: int
    status: str = Field(sa_type=String(20))
    effective_on: date
    actor_id: uuid.UUID | None = optional_ref("users.id")
    meeting_id: uuid.UUID | None = optional_ref("meetings.id", ondelete="NO ACTION")
    note: str | None = Field(default=None, sa_type=Text)
    recorded_at: datetime = now_field()


class Tag(SQLModel, table=True):
    """Reference list: HCTS axes, national strategies, themes; admins extend it."""

    __tablename__ = "tags"
    __table_args__ = (one_of("kind", TAG_KINDS),)

    id: uuid.UUID = uuid_pk()
    kind: str = Field(sa_type=String(20))
    code: str = Field(sa_type=String(60), unique=True)
    label: str = Field(sa_type=String(300))
    created_at: datetime = now_field()


class Action(Versioned, Timestamped, table=True):
    __tablename__ = "programme_actions"
    __table_args__ = (
        one_of("method_step", METHOD_STEPS),
        Index(None, "programme_id", "position", "id"),
    )

    id: uuid.UUID = uuid_pk()
    programme_id: uuid.UUID = ref("work_programmes.id", ondelete="CASCADE")
    position: int
    title: str = Field(sa_type=String(200))
    theme: str | None = Field(default=None, sa_type=String(200))
    objectives: str | None = Field(default=None, sa_type=Text)
    method_step: str = Field(sa_type=String(30))
    pilot_person_id: uuid.UUID | None = optional_ref("people.id")
    # NO ACTION: deleting what this refers to is refused (see api.core.integrity).
    working_group_id: uuid.UUID | None = Field(
        default=None, foreign_key="working_groups.id", index=True
    )


class ActionTag(SQLModel, table=True):
    __tablename__ = "action_tags"

    action_id: uuid.UUID = link_key("programme_actions.id", ondelete="CASCADE")
    tag_id: uuid.UUID = link_key("tags.id", ondelete="RESTRICT", index=True)


class Deliverable(Versioned, Timestamped, table=True):
    __tablename__ = "deliverables"
    __table_args__ = (
        one_of("kind", DELIVERABLE_KINDS),
        one_of("status", DELIVERABLE_STATUSES),
        Index(None, "action_id", "due_on", "id"),
        Index(None, "status", "due_on"),
    )

    id: uuid.UUID = uuid_pk()
    action_id: uuid.UUID = ref("programme_actions.id", ondelete="CASCADE")
    title: str = Field(sa_type=String(200))
    kind: str = Field(sa_type=String(20))
    due_on: date | None = None
    status: str = Field(sa_type=String(20))
    delivered_on: date | None = None
    link: str | None = Field(default=None, sa_type=String(2000))


class Indicator(Versioned, Timestamped, table=True):
    __tablename__ = "indicators"

    id: uuid.UUID = uuid_pk()
    action_id: uuid.UUID = ref("programme_actions.id", ondelete="CASCADE", index=True)
    name: str = Field(sa_type=String(200))
    unit: str | None = Field(default=None, sa_type=String(50))
    baseline: float | None = Field(default=None, sa_type=Double)
    target: float | None = Field(default=None, sa_type=Double)


class Measurement(SQLModel, table=True):
    __tablename__ = "indicator_measurements"
    __table_args__ = (UniqueConstraint("indicator_id", "measured_on"),)

    id: uuid.UUID = uuid_pk()
    indicator_id: uuid.UUID = ref("indicators.id")
    measured_on: date
    value: float = Field(sa_type=Double)
    recorded_at: datetime = now_field()
