"""Contributions newest first: an index for the network's list (no committee filter), which
sorted every contribution for each page.

Revision ID: 6d1e8f0a2b47
Revises: 5b82dda76794
Create Date: 2026-11-29 09:15:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "6d1e8f0a2b47"
down_revision: str | None = "5b82dda76794"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_contributions_created_at_id"), "contributions", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_contributions_created_at_id"), table_name="contributions")
