"""Work programmes and working groups: programmes with dated transitions, actions tagged
with HCTS axes and national strategies, deliverables, indicators and their measurements.

Revision ID: 8e3d41c6b2f7
Revises: 5c1f0e2b7a90
Create Date: 2026-11-23 13:45:15.484744
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.models

revision: str = "8e3d41c6b2f7"
down_revision: str | None = "5c1f0e2b7a90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('hcts_axis', 'national_strategy', 'theme')", name=op.f("ck_tags_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("code", name=op.f("uq_tags_code")),
    )
    op.create_table(
        "work_programmes",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'proposed', 'validated', 'in_progress', 'closed')",
            name=op.f("ck_work_programmes_status"),
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_work_programmes_period")),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_work_programmes_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_programmes")),
    )
    with op.batch_alter_table("work_programmes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_programmes_committee_id_period_start_id"),
            ["committee_id", "period_start", "id"],
            unique=False,
        )

    op.create_table(
        "working_groups",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("mandate", sa.Text(), nullable=True),
        sa.Column("theme", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'active', 'paused', 'closed')",
            name=op.f("ck_working_groups_status"),
        ),
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR end_on >= start_on",
            name=op.f("ck_working_groups_dates"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_working_groups_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_groups")),
    )
    with op.batch_alter_table("working_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_working_groups_committee_id_title_id"),
            ["committee_id", "title", "id"],
            unique=False,
        )

    op.create_table(
        "programme_actions",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=True),
        sa.Column("objectives", sa.Text(), nullable=True),
        sa.Column("method_step", sa.String(length=30), nullable=False),
        sa.Column("pilot_person_id", sa.Uuid(), nullable=True),
        sa.Column("working_group_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "method_step IN ('needs_survey', 'diagnostics_review', 'hcts_recommendations', 'prioritisation', 'objectives_deliverables', 'pilot_members', 'calendar')",
            name=op.f("ck_programme_actions_method_step"),
        ),
        sa.ForeignKeyConstraint(
            ["pilot_person_id"],
            ["people.id"],
            name=op.f("fk_programme_actions_pilot_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["work_programmes.id"],
            name=op.f("fk_programme_actions_programme_id_work_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["working_groups.id"],
            name=op.f("fk_programme_actions_working_group_id_working_groups"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_actions")),
    )
    with op.batch_alter_table("programme_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_actions_programme_id_position_id"),
            ["programme_id", "position", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_programme_actions_working_group_id"), ["working_group_id"], unique=False
        )

    op.create_table(
        "working_group_pilots",
        sa.Column("working_group_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_working_group_pilots_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["working_groups.id"],
            name=op.f("fk_working_group_pilots_working_group_id_working_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "working_group_id", "person_id", name=op.f("pk_working_group_pilots")
        ),
    )
    with op.batch_alter_table("working_group_pilots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_working_group_pilots_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "action_tags",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["programme_actions.id"],
            name=op.f("fk_action_tags_action_id_programme_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_action_tags_tag_id_tags"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("action_id", "tag_id", name=op.f("pk_action_tags")),
    )
    with op.batch_alter_table("action_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_tags_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "deliverables",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("link", sa.String(length=2000), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('report', 'practice_sheet', 'event', 'training', 'communication', 'other')",
            name=op.f("ck_deliverables_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'delivered', 'dropped')",
            name=op.f("ck_deliverables_status"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["programme_actions.id"],
            name=op.f("fk_deliverables_action_id_programme_actions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverables")),
    )
    with op.batch_alter_table("deliverables", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deliverables_action_id_due_on_id"),
            ["action_id", "due_on", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_deliverables_status_due_on"), ["status", "due_on"], unique=False
        )

    op.create_table(
        "indicators",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("baseline", sa.Double(), nullable=True),
        sa.Column("target", sa.Double(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["programme_actions.id"],
            name=op.f("fk_indicators_action_id_programme_actions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_action_id"), ["action_id"], unique=False)

    op.create_table(
        "work_programme_transitions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_work_programme_transitions_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_work_programme_transitions_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["work_programmes.id"],
            name=op.f("fk_work_programme_transitions_programme_id_work_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_programme_transitions")),
    )
    with op.batch_alter_table("work_programme_transitions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_programme_transitions_programme_id_seq"),
            ["programme_id", "seq"],
            unique=True,
        )

    op.create_table(
        "working_group_members",
        sa.Column("working_group_id", sa.Uuid(), nullable=False),
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_working_group_members_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["working_groups.id"],
            name=op.f("fk_working_group_members_working_group_id_working_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "working_group_id", "membership_id", name=op.f("pk_working_group_members")
        ),
    )
    with op.batch_alter_table("working_group_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_working_group_members_membership_id"), ["membership_id"], unique=False
        )

    op.create_table(
        "indicator_measurements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("recorded_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_measurements_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_measurements")),
        sa.UniqueConstraint(
            "indicator_id",
            "measured_on",
            name=op.f("uq_indicator_measurements_indicator_id_measured_on"),
        ),
    )


def downgrade() -> None:
    op.drop_table("indicator_measurements")
    with op.batch_alter_table("working_group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_group_members_membership_id"))

    op.drop_table("working_group_members")
    with op.batch_alter_table("work_programme_transitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_programme_transitions_programme_id_seq"))

    op.drop_table("work_programme_transitions")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_action_id"))

    op.drop_table("indicators")
    with op.batch_alter_table("deliverables", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliverables_status_due_on"))
        batch_op.drop_index(batch_op.f("ix_deliverables_action_id_due_on_id"))

    op.drop_table("deliverables")
    with op.batch_alter_table("action_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_tags_tag_id"))

    op.drop_table("action_tags")
    with op.batch_alter_table("working_group_pilots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_group_pilots_person_id"))

    op.drop_table("working_group_pilots")
    with op.batch_alter_table("programme_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_actions_working_group_id"))
        batch_op.drop_index(batch_op.f("ix_programme_actions_programme_id_position_id"))

    op.drop_table("programme_actions")
    with op.batch_alter_table("working_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_groups_committee_id_title_id"))

    op.drop_table("working_groups")
    with op.batch_alter_table("work_programmes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_programmes_committee_id_period_start_id"))

    op.drop_table("work_programmes")
    op.drop_table("tags")
