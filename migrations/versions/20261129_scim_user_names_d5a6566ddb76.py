"""SCIM userName: what a directory tool calls a person, unique in the service; null for people
never provisioned through SCIM. A body's externalId, the id a directory tool gives it as a SCIM Group.

Revision ID: d5a6566ddb76
Revises: 99395c026082
Create Date: 2026-11-29 14:11:22.156945
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d5a6566ddb76"
down_revision: str | None = "99395c026082"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=200), nullable=True))
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_name", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_people_user_name"), ["user_name"])


def downgrade() -> None:
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_column("external_id")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_people_user_name"), type_="unique")
        batch_op.drop_column("user_name")
