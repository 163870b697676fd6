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


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meetings_body_id_bodies"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_meetings_body_id_bodies"),
            "bodies",
            ["body_id"],
            ["id"],
        )

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_memberships_body_id_bodies"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_memberships_body_id_bodies"),
            "bodies",
            ["body_id"],
            ["id"],
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_people_organisation_id_organisations"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_people_organisation_id_organisations"),
            "organisations",
            ["organisation_id"],
            ["id"],
        )

    with op.batch_alter_table("programme_actions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_programme_actions_working_group_id_working_groups"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_programme_actions_working_group_id_working_groups"),
            "working_groups",
            ["working_group_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("programme_actions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_programme_actions_working_group_id_working_groups"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_programme_actions_working_group_id_working_groups"),
            "working_groups",
            ["working_group_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_people_organisation_id_organisations"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_people_organisation_id_organisations"),
            "organisations",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_memberships_body_id_bodies"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_memberships_body_id_bodies"),
            "bodies",
            ["body_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meetings_body_id_bodies"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_meetings_body_id_bodies"),
            "bodies",
            ["body_id"],
            ["id"],
            ondelete="SET NULL",
        )
