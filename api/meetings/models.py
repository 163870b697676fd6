import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlmodel import Field, SQLModel

from api.core.models import (
    Timestamped,
    UTCDateTime,
    Versioned,
    link_key,
    now_field,
    one_of,
    optional_ref,
    optional_time_field,
    ref,
    uuid_pk,
)

MEETING_KINDS = ("body_meeting", "launch_day", "agora", "working_group_session", "other")
MEETING_MODES = ("in_person", "remote", "hybrid")
ATTENDANCE_STATUSES = ("registered", "present", "excused", "absent")
# Headcounts count by broad groups, as event reports do ("140 professionnels, 13 étudiants…").
HEADCOUNT_CATEGORIES = (
    "professional", "student", "elected_official", "resource_person", "person_supported",
    "volunteer", "other",
)  # fmt: skip
BALLOT_CHOICES = ("for", "against", "abstain")
CLAIM_STATUSES = ("submitted", "approved", "rejected", "paid")


class Meeting(Versioned, Timestamped, table=True):
    __tablename__ = "meetings"
    __table_args__ = (
        one_of("kind", MEETING_KINDS),
        one_of("mode", MEETING_MODES),
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="times"),
        Index(None, "committee_id", "starts_at", "id"),
    )

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    # NO ACTION: deleting what this refers to is refused (see api.core.integrity).
    body_id: uuid.UUID | None = Field(default=None, foreign_key="bodies.id", index=True)
    kind: str = Field(sa_type=String(30))
    title: str = Field(sa_type=String(200))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime | None = optional_time_field()
    mode: str = Field(sa_type=String(20))
    place: str | None = Field(default=None, sa_type=String(300))
    agenda: str | None = Field(default=None, sa_type=Text)


class Decision(SQLModel, table=True):
    """An entry of the meeting's *relevé de décisions*."""

    __tablename__ = "meeting_decisions"
    __table_args__ = (Index(None, "meeting_id", "position", unique=True),)

    id: uuid.UUID = uuid_pk()
    meeting_id: uuid.UUID = ref("meetings.id")
    position: int
    text: str = Field(sa_type=Text)
    created_at: datetime = now_field()


class Attendance(SQLModel, table=True):
    """A person's attendance, with their category and organisation as they were that day."""

    __tablename__ = "attendances"
    __table_args__ = (
        one_of("status", ATTENDANCE_STATUSES),
        Index(None, "person_id"),
    )

    meeting_id: uuid.UUID = link_key("meetings.id")
    person_id: uuid.UUID = link_key("people.id")
    status: str = Field(sa_type=String(20))
    category: str = Field(sa_type=String(30))
    organisation_id: uuid.UUID | None = optional_ref("organisations.id")
    organisation_name: str | None = Field(default=None, sa_type=String(200))
    updated_at: datetime = now_field()


class AttendanceTally(SQLModel, table=True):
    """How many people a meeting's attendance counts of a category, by status: what the
    participation figures add up, kept by api.meetings.tallies in the transaction that writes
    the attendance (grouping the attendance itself took 88 ms a year at national scale). A row
    per category rather than per category and status: a meeting's tallies are a few rows."""

    __tablename__ = "attendance_tallies"
    # Only categories that have people: a tally is deleted rather than left at zero.
    __table_args__ = (
        CheckConstraint("registered + present + excused + absent > 0", name="people"),
    )

    # CASCADE: counts derived from the attendance, no record of their own.
    meeting_id: uuid.UUID = link_key("meetings.id", ondelete="CASCADE")
    category: str = Field(sa_type=String(30), primary_key=True)
    # One column per AttendanceStatus.
    registered: int
    present: int
    excused: int
    absent: int


class Headcount(SQLModel, table=True):
    """Counts for an event where names are not kept."""

    __tablename__ = "meeting_headcounts"
    __table_args__ = (
        CheckConstraint("total IS NULL OR total >= 0", name="total"),
        CheckConstraint("structures IS NULL OR structures >= 0", name="structures"),
    )

    meeting_id: uuid.UUID = link_key("meetings.id")
    total: int | None = None
    structures: int | None = None
    updated_at: datetime = now_field()


class HeadcountLine(SQLModel, table=True):
    __tablename__ = "meeting_headcount_lines"
    __table_args__ = (
        one_of("category", HEADCOUNT_CATEGORIES),
        CheckConstraint("count >= 0", name="count"),
    )

    meeting_id: uuid.UUID = link_key("meeting_headcounts.meeting_id", ondelete="CASCADE")
    category: str = Field(sa_type=String(30), primary_key=True)
    count: int


class Motion(SQLModel, table=True):
    """A question put to the vote at a meeting."""

    __tablename__ = "motions"

    id: uuid.UUID = uuid_pk()
    meeting_id: uuid.UUID = ref("meetings.id", index=True)
    title: str = Field(sa_type=String(300))
    description: str | None = Field(default=None, sa_type=Text)
    closed_at: datetime | None = optional_time_field()
    created_at: datetime = now_field()


class Ballot(SQLModel, table=True):
    """One person's vote on a motion (one each: the key says so)."""

    __tablename__ = "ballots"
    __table_args__ = (one_of("choice", BALLOT_CHOICES),)

    motion_id: uuid.UUID = link_key("motions.id")
    person_id: uuid.UUID = link_key("people.id")
    choice: str = Field(sa_type=String(10))
    cast_at: datetime = now_field()


class ExpenseClaim(Versioned, table=True):
    """Transport costs claimed by a *personne accompagnée* who attended."""

    __tablename__ = "expense_claims"
    __table_args__ = (
        one_of("status", CLAIM_STATUSES),
        CheckConstraint("amount_cents > 0", name="amount"),
        Index(None, "meeting_id", "person_id"),
    )

    id: uuid.UUID = uuid_pk()
    meeting_id: uuid.UUID = ref("meetings.id")
    person_id: uuid.UUID = ref("people.id", index=True)
    amount_cents: int
    description: str | None = Field(default=None, sa_type=String(500))
    status: str = Field(sa_type=String(20))
    submitted_at: datetime = now_field()
    decided_at: datetime | None = optional_time_field()
    decided_by: uuid.UUID | None = optional_ref("users.id")
    paid_at: datetime | None = optional_time_field()
