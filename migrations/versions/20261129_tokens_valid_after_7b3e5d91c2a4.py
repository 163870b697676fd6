"""Revocation is immediate: a user's access tokens issued before `tokens_valid_after` are refused.

Revision ID: 7b3e5d91c2a4
Revises: 04c5d39d7b7d
Create Date: 2026-11-29 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.models

revision: str = "7b3e5d91c2a4"
down_revision: str | None = "04c5d39d7b7d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no backfill: a user never revoked keeps the tokens already issued.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tokens_valid_after", api.core.models.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("tokens_valid_after")
