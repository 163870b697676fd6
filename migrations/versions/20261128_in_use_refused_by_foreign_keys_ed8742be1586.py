"""Objects still in use are refused by the database: no ON DELETE action instead of SET NULL.

A body held by memberships or meetings, an organisation people work at, a working group that
carries programme actions: deleting them used to be refused by the owning domain querying the
others' tables; the foreign keys now refuse it, so no domain reads a higher domain's tables.
NO ACTION rather than RESTRICT: it is checked at the end of the statement, so deleting the
committee still cascades through the body and its memberships (RESTRICT refuses that on SQLite).

Revision ID: ed8742be1586
Revises: b6f95e1799be
Create Date: 2026-11-28 18:01:18.334692
"""

from collections.abc import Sequence

from alembic import op

revision: str = "ed8742be1586"
down_revision: str | None = "b6f95e1799be"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (table, column, referred table): the keys whose delete rule changes.
_KEYS = [
    ("meetings", "body_id", "bodies"),
    ("memberships", "body_id", "bodies"),
    ("people", "organisation_id", "organisations"),
    ("programme_actions", "working_group_id", "working_groups"),
]


def _set_on_delete(table: str, column: str, referred: str, ondelete: str | None) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        name = batch_op.f(f"fk_{table}_{column}_{referred}")
        batch_op.drop_constraint(name, type_="foreignkey")
        batch_op.create_foreign_key(name, referred, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    for table, column, referred in _KEYS:
        _set_on_delete(table, column, referred, None)


def downgrade() -> None:
    for table, column, referred in reversed(_KEYS):
        _set_on_delete(table, column, referred, "SET NULL")
