"""idempotency keys of machine clients: a record is a user's or a machine client's

Revision ID: b15bf14045ff
Revises: d5a6566ddb76
Create Date: 2026-11-29 14:15:08.399660
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b15bf14045ff"
down_revision: str | None = "d5a6566ddb76"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.Uuid(), nullable=True))
        batch_op.alter_column("user_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.create_unique_constraint(
            batch_op.f("uq_idempotency_records_client_id_key"), ["client_id", "key"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_idempotency_records_client_id_machine_clients"),
            "machine_clients",
            ["client_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint("caller", "(user_id IS NULL) <> (client_id IS NULL)")


def downgrade() -> None:
    # A client's records have no user to keep them under: they go (they last a day anyway).
    op.execute("DELETE FROM idempotency_records WHERE client_id IS NOT NULL")
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_idempotency_records_caller"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_idempotency_records_client_id_machine_clients"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_idempotency_records_client_id_key"), type_="unique")
        batch_op.alter_column("user_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("client_id")
