import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Index, String, text
from sqlmodel import Field, SQLModel

from api.core.models import Timestamped, Versioned, one_of, optional_ref, ref, uuid_pk

MEMBERSHIP_ROLES = (
    "pilot", "secretariat", "titular", "substitute", "member", "active_member",
)  # fmt: skip


class Membership(Versioned, Timestamped, table=True):
    """One term of a person in a committee; renewals add terms, history is never rewritten."""

    __tablename__ = "memberships"
    __table_args__ = (
        one_of("role", MEMBERSHIP_ROLES),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="dates"),
        # An external id names one membership of the source, whose renewals carry it on:
        # unique among first terms only.
        Index(
            None,
            "source",
            "external_id",
            unique=True,
            sqlite_where=text("renewal_of_id IS NULL"),
            postgresql_where=text("renewal_of_id IS NULL"),
        ),
        # The members list: a committee's terms in name order, keyset-paginated.
        Index(None, "committee_id", "sort_key", "id"),
        Index(None, "person_id", "committee_id"),
    )

    id: uuid.UUID = uuid_pk()
    committee_id: uuid.UUID = ref("committees.id")
    person_id: uuid.UUID = ref("people.id")
    # NO ACTION: deleting what this refers to is refused (see api.core.integrity).
    body_id: uuid.UUID | None = Field(default=None, foreign_key="bodies.id", index=True)
    role: str = Field(sa_type=String(20))
    start_on: date
    end_on: date | None = None
    card_number: str | None = Field(default=None, sa_type=String(50))
    # The person's sort key, copied so the list needs no join to be ordered.
    sort_key: str = Field(sa_type=String(210))
    renewal_of_id: uuid.UUID | None = optional_ref("memberships.id", ondelete="NO ACTION")
    external_id: str | None = Field(default=None, sa_type=String(200))
    source: str | None = Field(default=None, sa_type=String(100))


class MemberSpan(SQLModel, table=True):
    """The days a person held a term in a unit the figures count (a committee, or the network
    as one scope counts it), terms merged: kept by api.memberships.spans with every write of
    terms, people and committees. What the figures read is their counts by day (below); these
    are what a person contributes to them, taken back when the person's terms change."""

    __tablename__ = "member_spans"
    __table_args__ = (
        CheckConstraint("(committee_id IS NULL) <> (network IS NULL)", name="one_unit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # No foreign keys: spans exist only for terms, which refuse their person's and committee's
    # delete, and go with them; checking them cost a bulk import a fifth of a second a 10,000.
    person_id: uuid.UUID = Field(index=True)
    committee_id: uuid.UUID | None = None
    # `published` or `all` (api.committees.scopes), `:public` when public committees only.
    network: str | None = Field(default=None, sa_type=String(20))
    start_on: date
    end_on: date | None = None
    # The person's first span in the unit, and whether a span covers its first anniversary.
    is_first: bool
    stayed: bool
    # The person's, copied.
    category: str = Field(sa_type=String(30))
    organisation_id: uuid.UUID | None = None


class MemberDayCount(SQLModel, table=True):
    """Members' spans counted by the day they start, per unit and category: how many start that
    day less those that ended the day before (`delta`: people in a span on a day are the sum up
    to it), how many of those starting are their person's first span there (`firsts`: the
    retention's cohort) and of those, how many cover their first anniversary (`stayed`).
    `unit`: a network unit's name, or a committee's id (api.memberships.spans)."""

    __tablename__ = "member_day_counts"

    unit: str = Field(sa_type=String(40), primary_key=True)
    category: str = Field(sa_type=String(30), primary_key=True)
    day: date = Field(primary_key=True)
    delta: int
    firsts: int
    stayed: int


class OrganisationDayCount(SQLModel, table=True):
    """The same for the organisations members come from: members of each in a span on a day
    are the sum of `delta` up to it (people without an organisation are not counted here)."""

    __tablename__ = "organisation_day_counts"

    unit: str = Field(sa_type=String(40), primary_key=True)
    organisation_id: uuid.UUID = Field(primary_key=True)
    day: date = Field(primary_key=True)
    delta: int
