import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlmodel import Field

from api.core.models import (
    Timestamped,
    UTCDateTime,
    Versioned,
    now_field,
    one_of,
    optional_ref,
    optional_time_field,
    ref,
    uuid_pk,
)
from api.meetings.schemas import AttendanceStatus

SEMINAR_MODES = ("in_person", "remote")


class Seminar(Versioned, Timestamped, table=True):
    __tablename__ = "seminars"
    __table_args__ = (
        one_of("mode", SEMINAR_MODES),
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="times"),
        Index(None, "starts_at", "id"),
    )

    id: uuid.UUID = uuid_pk()
    title: str = Field(sa_type=String(300))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime | None = optional_time_field()
    mode: str = Field(sa_type=String(20))
    place: str | None = Field(default=None, sa_type=String(300))
    description: str | None = Field(default=None, sa_type=Text)
    registration_deadline: date | None = None


class SeminarRegistration(Versioned, table=True):
    """A person registered by a committee; then their attendance, with category and
    organisation as they were that day (as for a committee meeting's attendance)."""

    __tablename__ = "seminar_registrations"
    __table_args__ = (
        one_of("status", tuple(s.value for s in AttendanceStatus)),
        UniqueConstraint("seminar_id", "person_id"),
        Index(None, "seminar_id", "committee_id"),
    )

    id: uuid.UUID = uuid_pk()
    seminar_id: uuid.UUID = ref("seminars.id")
    committee_id: uuid.UUID = ref("committees.id", index=True)
    person_id: uuid.UUID = ref("people.id", index=True)
    status: str = Field(default="registered", sa_type=String(20))
    category: str = Field(sa_type=String(30))
    organisation_id: uuid.UUID | None = optional_ref("organisations.id")
    organisation_name: str | None = Field(default=None, sa_type=String(200))
    registered_by: uuid.UUID | None = optional_ref("users.id")
    registered_at: datetime = now_field()
    updated_at: datetime = now_field()
