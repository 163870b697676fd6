"""HCTS liaison: publications and relays, axes, calls and candidatures, representatives'
mandates, contributions and their transitions, seminars and registrations, the newsletter,
inbox read state, and the outbox of domain events.

Revision ID: 322d12026ab8
Revises: 8e3d41c6b2f7
Create Date: 2026-11-23 14:53:35.328466
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.core.models

revision: str = "322d12026ab8"
down_revision: str | None = "8e3d41c6b2f7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hcts_axes",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("starts_in", sa.Integer(), nullable=False),
        sa.Column("ends_in", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_in IS NULL OR ends_in >= starts_in", name=op.f("ck_hcts_axes_years")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_axes")),
        sa.UniqueConstraint("code", name=op.f("uq_hcts_axes_code")),
    )
    with op.batch_alter_table("hcts_axes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hcts_axes_starts_in_position_id"),
            ["starts_in", "position", "id"],
            unique=False,
        )

    op.create_table(
        "newsletter_issues",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("editorial", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'published')", name=op.f("ck_newsletter_issues_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsletter_issues")),
        sa.UniqueConstraint("number", name=op.f("uq_newsletter_issues_number")),
    )
    op.create_table(
        "outbox_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("occurred_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=True),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_events")),
    )
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_events_committee_id_id"), ["committee_id", "id"], unique=False
        )

    op.create_table(
        "seminars",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("registration_deadline", sa.Date(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("mode IN ('in_person', 'remote')", name=op.f("ck_seminars_mode")),
        sa.CheckConstraint(
            "ends_at IS NULL OR ends_at >= starts_at", name=op.f("ck_seminars_times")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seminars")),
    )
    with op.batch_alter_table("seminars", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seminars_starts_at_id"), ["starts_at", "id"], unique=False
        )

    op.create_table(
        "hcts_calls",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("working_group", sa.String(length=300), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("axis_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["axis_id"],
            ["hcts_axes.id"],
            name=op.f("fk_hcts_calls_axis_id_hcts_axes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_calls")),
    )
    with op.batch_alter_table("hcts_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hcts_calls_axis_id"), ["axis_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hcts_calls_deadline_id"), ["deadline", "id"], unique=False
        )

    op.create_table(
        "hcts_publications",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column(
            "themes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("axis_id", sa.Uuid(), nullable=True),
        sa.Column("published_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('report', 'opinion', 'practice_sheet', 'guide', 'recommendation', 'news')",
            name=op.f("ck_hcts_publications_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'published')", name=op.f("ck_hcts_publications_status")
        ),
        sa.ForeignKeyConstraint(
            ["axis_id"],
            ["hcts_axes.id"],
            name=op.f("fk_hcts_publications_axis_id_hcts_axes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_publications")),
    )
    with op.batch_alter_table("hcts_publications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hcts_publications_axis_id"), ["axis_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hcts_publications_status_published_on_id"),
            ["status", "published_on", "id"],
            unique=False,
        )

    op.create_table(
        "hcts_mandates",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("seat", sa.String(length=30), nullable=False),
        sa.Column("seat_label", sa.String(length=200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('titular', 'substitute')", name=op.f("ck_hcts_mandates_role")),
        sa.CheckConstraint(
            "seat IN ('plenary', 'permanent_commission', 'ethics_commission', 'working_group', 'other')",
            name=op.f("ck_hcts_mandates_seat"),
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_hcts_mandates_dates")
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_hcts_mandates_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_hcts_mandates_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_mandates")),
    )
    with op.batch_alter_table("hcts_mandates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hcts_mandates_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hcts_mandates_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hcts_mandates_starts_on_ends_on"), ["starts_on", "ends_on"], unique=False
        )

    op.create_table(
        "hcts_candidatures",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("call_id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("proposed_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'declined', 'withdrawn')",
            name=op.f("ck_hcts_candidatures_status"),
        ),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["hcts_calls.id"],
            name=op.f("fk_hcts_candidatures_call_id_hcts_calls"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_hcts_candidatures_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_hcts_candidatures_decided_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_hcts_candidatures_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["users.id"],
            name=op.f("fk_hcts_candidatures_proposed_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_candidatures")),
        sa.UniqueConstraint(
            "call_id", "person_id", name=op.f("uq_hcts_candidatures_call_id_person_id")
        ),
    )
    with op.batch_alter_table("hcts_candidatures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hcts_candidatures_call_id_committee_id"),
            ["call_id", "committee_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_hcts_candidatures_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hcts_candidatures_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "hcts_relays",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("relayed_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('mailing_list', 'meeting', 'event', 'website', 'social_media', 'other')",
            name=op.f("ck_hcts_relays_channel"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_hcts_relays_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_hcts_relays_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_hcts_relays_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["hcts_publications.id"],
            name=op.f("fk_hcts_relays_publication_id_hcts_publications"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hcts_relays")),
        sa.UniqueConstraint(
            "publication_id",
            "committee_id",
            "channel",
            "relayed_on",
            name=op.f("uq_hcts_relays_publication_id_committee_id_channel_relayed_on"),
        ),
    )
    with op.batch_alter_table("hcts_relays", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hcts_relays_committee_id_publication_id"),
            ["committee_id", "publication_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_hcts_relays_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "inbox_reads",
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("read_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('publication', 'call', 'contribution_update', 'seminar')",
            name=op.f("ck_inbox_reads_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_inbox_reads_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["read_by"],
            ["users.id"],
            name=op.f("fk_inbox_reads_read_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("committee_id", "kind", "item_id", name=op.f("pk_inbox_reads")),
    )
    op.create_table(
        "seminar_registrations",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seminar_id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("organisation_name", sa.String(length=200), nullable=True),
        sa.Column("registered_by", sa.Uuid(), nullable=True),
        sa.Column("registered_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('registered', 'present', 'excused', 'absent')",
            name=op.f("ck_seminar_registrations_status"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_seminar_registrations_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_seminar_registrations_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_seminar_registrations_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registered_by"],
            ["users.id"],
            name=op.f("fk_seminar_registrations_registered_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seminar_id"],
            ["seminars.id"],
            name=op.f("fk_seminar_registrations_seminar_id_seminars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seminar_registrations")),
        sa.UniqueConstraint(
            "seminar_id", "person_id", name=op.f("uq_seminar_registrations_seminar_id_person_id")
        ),
    )
    with op.batch_alter_table("seminar_registrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seminar_registrations_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_seminar_registrations_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_seminar_registrations_seminar_id_committee_id"),
            ["seminar_id", "committee_id"],
            unique=False,
        )

    op.create_table(
        "contributions",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "links",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "themes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("deliverable_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('field_question', 'inspiring_practice', 'production', 'proposal', 'emerging_issue')",
            name=op.f("ck_contributions_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'acknowledged', 'taken_up', 'answered', 'declined')",
            name=op.f("ck_contributions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_contributions_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_contributions_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverables.id"],
            name=op.f("fk_contributions_deliverable_id_deliverables"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
    )
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contributions_committee_id_created_at_id"),
            ["committee_id", "created_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_contributions_deliverable_id"), ["deliverable_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contributions_status_status_since"),
            ["status", "status_since"],
            unique=False,
        )

    op.create_table(
        "contribution_transitions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contribution_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("by_user_id", sa.Uuid(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "to_status IN ('draft', 'submitted', 'acknowledged', 'taken_up', 'answered', 'declined')",
            name=op.f("ck_contribution_transitions_to_status"),
        ),
        sa.ForeignKeyConstraint(
            ["by_user_id"],
            ["users.id"],
            name=op.f("fk_contribution_transitions_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["contributions.id"],
            name=op.f("fk_contribution_transitions_contribution_id_contributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution_transitions")),
    )
    with op.batch_alter_table("contribution_transitions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contribution_transitions_contribution_id_recorded_at_id"),
            ["contribution_id", "recorded_at", "id"],
            unique=False,
        )

    op.create_table(
        "newsletter_items",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issue_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("contribution_id", sa.Uuid(), nullable=True),
        sa.Column("publication_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "contribution_id IS NULL OR kind = 'contribution'",
            name=op.f("ck_newsletter_items_contribution"),
        ),
        sa.CheckConstraint(
            "kind IN ('contribution', 'publication', 'event', 'text')",
            name=op.f("ck_newsletter_items_kind"),
        ),
        sa.CheckConstraint(
            "meeting_id IS NULL OR kind = 'event'", name=op.f("ck_newsletter_items_event")
        ),
        sa.CheckConstraint(
            "publication_id IS NULL OR kind = 'publication'",
            name=op.f("ck_newsletter_items_publication"),
        ),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["contributions.id"],
            name=op.f("fk_newsletter_items_contribution_id_contributions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["newsletter_issues.id"],
            name=op.f("fk_newsletter_items_issue_id_newsletter_issues"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_newsletter_items_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["hcts_publications.id"],
            name=op.f("fk_newsletter_items_publication_id_hcts_publications"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsletter_items")),
    )
    with op.batch_alter_table("newsletter_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_newsletter_items_contribution_id"), ["contribution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_newsletter_items_issue_id_position"),
            ["issue_id", "position"],
            unique=True,
        )
        batch_op.create_index(
            batch_op.f("ix_newsletter_items_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_newsletter_items_publication_id"), ["publication_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("newsletter_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_newsletter_items_publication_id"))
        batch_op.drop_index(batch_op.f("ix_newsletter_items_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_newsletter_items_issue_id_position"))
        batch_op.drop_index(batch_op.f("ix_newsletter_items_contribution_id"))

    op.drop_table("newsletter_items")
    with op.batch_alter_table("contribution_transitions", schema=None) as batch_op:
        batch_op.drop_index(
            batch_op.f("ix_contribution_transitions_contribution_id_recorded_at_id")
        )

    op.drop_table("contribution_transitions")
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contributions_status_status_since"))
        batch_op.drop_index(batch_op.f("ix_contributions_deliverable_id"))
        batch_op.drop_index(batch_op.f("ix_contributions_committee_id_created_at_id"))

    op.drop_table("contributions")
    with op.batch_alter_table("seminar_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seminar_registrations_seminar_id_committee_id"))
        batch_op.drop_index(batch_op.f("ix_seminar_registrations_person_id"))
        batch_op.drop_index(batch_op.f("ix_seminar_registrations_committee_id"))

    op.drop_table("seminar_registrations")
    op.drop_table("inbox_reads")
    with op.batch_alter_table("hcts_relays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_relays_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_relays_committee_id_publication_id"))

    op.drop_table("hcts_relays")
    with op.batch_alter_table("hcts_candidatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_candidatures_person_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_candidatures_committee_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_candidatures_call_id_committee_id"))

    op.drop_table("hcts_candidatures")
    with op.batch_alter_table("hcts_mandates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_mandates_starts_on_ends_on"))
        batch_op.drop_index(batch_op.f("ix_hcts_mandates_person_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_mandates_committee_id"))

    op.drop_table("hcts_mandates")
    with op.batch_alter_table("hcts_publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_publications_status_published_on_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_publications_axis_id"))

    op.drop_table("hcts_publications")
    with op.batch_alter_table("hcts_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_calls_deadline_id"))
        batch_op.drop_index(batch_op.f("ix_hcts_calls_axis_id"))

    op.drop_table("hcts_calls")
    with op.batch_alter_table("seminars", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seminars_starts_at_id"))

    op.drop_table("seminars")
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_events_committee_id_id"))

    op.drop_table("outbox_events")
    op.drop_table("newsletter_issues")
    with op.batch_alter_table("hcts_axes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hcts_axes_starts_in_position_id"))

    op.drop_table("hcts_axes")
