"""attendance tallies: people per meeting, status and category, kept with the attendance

The participation figures add these up instead of grouping every attendance row of the
period; api.meetings.tallies keeps them in the transaction that writes the attendance. Filled
here from the attendance recorded so far, in one statement.

Revision ID: 2ae54f46e16a
Revises: b15bf14045ff
Create Date: 2026-11-29 17:30:04.456424
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2ae54f46e16a"
down_revision: str | None = "b15bf14045ff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attendance_tallies",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count > 0", name=op.f("ck_attendance_tallies_count")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attendance_tallies_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "status", "category", name=op.f("pk_attendance_tallies")
        ),
    )
    op.execute(
        "INSERT INTO attendance_tallies (meeting_id, status, category, count) "
        "SELECT meeting_id, status, category, COUNT(*) FROM attendances "
        "GROUP BY meeting_id, status, category"
    )


def downgrade() -> None:
    op.drop_table("attendance_tallies")
