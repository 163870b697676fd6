"""attendance tallies: people per meeting and category by status, kept with the attendance

The participation figures add these up instead of grouping every attendance row of the
period; api.meetings.tallies keeps them in the transaction that writes the attendance. Filled
here from the attendance recorded so far, in one statement.

Revision ID: 2ae54f46e16a
Revises: b23aac0770f9
Create Date: 2026-11-29 17:30:04.456424
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2ae54f46e16a"
down_revision: str | None = "b23aac0770f9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attendance_tallies",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("registered", sa.Integer(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("excused", sa.Integer(), nullable=False),
        sa.Column("absent", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "registered + present + excused + absent > 0",
            name=op.f("ck_attendance_tallies_people"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attendance_tallies_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "category", name=op.f("pk_attendance_tallies")),
    )
    op.execute(
        "INSERT INTO attendance_tallies "
        "(meeting_id, category, registered, present, excused, absent) "
        "SELECT meeting_id, category, "
        "SUM(CASE WHEN status = 'registered' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'present' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'excused' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'absent' THEN 1 ELSE 0 END) "
        "FROM attendances GROUP BY meeting_id, category"
    )


def downgrade() -> None:
    op.drop_table("attendance_tallies")
