"""Domain events, written in the transaction of the change they record (the outbox)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Field, SQLModel

from api.core.models import now_field


class current_xact(FunctionElement[int]):
    """The writing transaction's id: PostgreSQL's `pg_current_xact_id()` as a bigint (an xid8,
    64 bits, never wraps); 0 on SQLite, whose writers are serialised (see `read_feed`)."""

    type = BigInteger()
    inherit_cache = True


@compiles(current_xact)
def _current_xact(element: current_xact, compiler: SQLCompiler, **kw: Any) -> str:
    return "0"


@compiles(current_xact, "postgresql")
def _current_xact_postgresql(element: current_xact, compiler: SQLCompiler, **kw: Any) -> str:
    return "CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)"


class OutboxEvent(SQLModel, table=True):
    """One state change. The change feed reads them in (`xact_id`, `id`) order: see `read_feed`
    in api/outbox/service.py for why not `id` alone."""

    __tablename__ = "outbox_events"
    __table_args__ = (
        Index(None, "committee_id", "id"),
        Index(None, "xact_id", "id"),
    )

    id: int | None = Field(
        default=None,
        sa_column=Column(
            # SQLite only auto-increments an INTEGER PRIMARY KEY.
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
    )
    # Set by the database in the INSERT (a client-side SQL default, so bulk inserts get it too);
    # rows written before the column existed are 0: all committed long ago.
    # Who wrote it: a user's id or a machine client's (api.outbox.service.acting); None for
    # what no request did (the demo loader, the command line).
    by_user_id: uuid.UUID | None = Field(default=None)
    by_client_id: uuid.UUID | None = Field(default=None)
    xact_id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger(), nullable=False, default=current_xact(), server_default=text("0")
        ),
    )
    type: str = Field(sa_type=String(60))
    occurred_at: datetime = now_field()
    committee_id: uuid.UUID | None = Field(default=None)
    # The person a `person.*` event is about (people belong to no one committee): who may read
    # the event follows from the person's terms, as who may read the person does.
    person_id: uuid.UUID | None = Field(default=None)
    payload: dict[str, Any] = Field(
        default_factory=dict,
        sa_column=Column(JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    )
