"""Composition targets: per body and person category, the least share of its members.

A third of personnes accompagnées in the COPIL is `at_least` 0.3333 for `person_supported`.

Revision ID: 5b82dda76794
Revises: 8c3db50be915
Create Date: 2026-11-29 08:23:31.506726
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b82dda76794"
down_revision: str | None = "8c3db50be915"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATEGORIES = (
    "person_supported", "social_worker", "manager", "elected_official", "student", "volunteer",
    "trainer_researcher", "institutional_partner", "other",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "composition_targets",
        sa.Column("body_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        # Four exact decimals: "one third" is 0.3333, and a share equal to it is not below.
        sa.Column("at_least", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.CheckConstraint(
            f"category IN {CATEGORIES}", name=op.f("ck_composition_targets_category")
        ),
        sa.CheckConstraint(
            "at_least > 0 AND at_least <= 1", name=op.f("ck_composition_targets_at_least")
        ),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["bodies.id"],
            name=op.f("fk_composition_targets_body_id_bodies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("body_id", "category", name=op.f("pk_composition_targets")),
    )


def downgrade() -> None:
    op.drop_table("composition_targets")
