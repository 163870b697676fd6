"""Table helpers shared by every domain: naming convention, UUID keys, UTC timestamps."""

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Dialect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow

# Stable constraint and index names, so autogenerate agrees on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way in and out (SQLite stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        # Cursors decode their keys by this type (TypeDecorator would say `object`).
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is UTC:  # PostgreSQL sessions run in UTC (api.db): nothing to convert
            return value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# "NO ACTION" (no ON DELETE clause): deleting the target is refused while rows refer to it,
# checked at the end of the statement (see api.core.integrity). The default for required keys:
# a cascade is spelled out, and tests/test_foreign_keys.py allows it only with its reason.
OnDelete = Literal["CASCADE", "SET NULL", "RESTRICT", "NO ACTION"]


def _on_delete(ondelete: OnDelete) -> dict[str, Any]:
    return {} if ondelete == "NO ACTION" else {"ondelete": ondelete}


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A CHECK that `column` holds one of `values`, named after the column."""
    return CheckConstraint(f"{column} IN {values}", name=column)


def uuid_pk() -> Any:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def now_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def link_key(target: str, *, ondelete: OnDelete = "NO ACTION", index: bool = False) -> Any:
    """A foreign key that is (part of) the primary key, as in link tables."""
    return Field(foreign_key=target, primary_key=True, index=index, **_on_delete(ondelete))


def ref(target: str, *, ondelete: OnDelete = "NO ACTION", index: bool = False) -> Any:
    """A required foreign key: the target cannot be deleted while this row refers to it."""
    return Field(foreign_key=target, index=index, **_on_delete(ondelete))


def optional_ref(target: str, *, ondelete: OnDelete = "SET NULL", index: bool = False) -> Any:
    """A nullable foreign key; SET NULL only where the row keeps its meaning without it."""
    return Field(default=None, foreign_key=target, index=index, **_on_delete(ondelete))


def optional_time_field() -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=True)


class Versioned(SQLModel):
    """A `version` column SQLAlchemy bumps on every UPDATE: the ETag, and the race check.

    Inherited, it comes first in the model's columns; the database keeps the order its
    migration gave (Alembic compares no column order), and queries name their columns."""

    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Timestamped(SQLModel):
    """`created_at` and `updated_at`, set on insert; services bump `updated_at` on change.

    Inherited, they come before the model's own columns (Alembic compares no column order)."""

    created_at: datetime = now_field()
    updated_at: datetime = now_field()


def json_list_field() -> Any:
    """A list of short strings (themes, links) stored as JSON: JSONB on PostgreSQL."""
    return Field(
        default_factory=list,
        sa_column=Column(JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    )
