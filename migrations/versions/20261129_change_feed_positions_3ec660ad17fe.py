"""Change feed positions: each outbox event records the transaction that wrote it.

`xact_id` is PostgreSQL's `pg_current_xact_id()` of the writer (0 on SQLite, and for the
events written before: all committed), filled in by the INSERT itself; the change feed reads in
(`xact_id`, `id`) order, hence the index. `person_id`: the person a `person.*` event is about,
for the feed to tell who may read it.

Revision ID: 3ec660ad17fe
Revises: 6d1e8f0a2b47
Create Date: 2026-11-29 11:05:07.548284
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3ec660ad17fe"
down_revision: str | None = "6d1e8f0a2b47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("xact_id", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(sa.Column("person_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_events_xact_id_id"), ["xact_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_events_xact_id_id"))
        batch_op.drop_column("person_id")
        batch_op.drop_column("xact_id")
