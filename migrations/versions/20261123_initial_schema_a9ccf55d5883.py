"""Initial schema: users, role grants, refresh tokens, committees and their history.

Revision ID: a9ccf55d5883
Revises:
Create Date: 2026-11-23 12:32:51.267350
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.models

revision: str = "a9ccf55d5883"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "committees",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=True),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.Column("scale", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("carrying_organisations", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "scale IN ('regional', 'departmental', 'interdepartmental', 'local')",
            name=op.f("ck_committees_scale"),
        ),
        sa.CheckConstraint(
            "status IN ('reflection', 'construction', 'active', 'dormant', 'closed')",
            name=op.f("ck_committees_status"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["committees.id"],
            name=op.f("fk_committees_parent_id_committees"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committees")),
    )
    with op.batch_alter_table("committees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_committees_name_id"), ["name", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_committees_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_committees_status"), ["status"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("search_key", sa.String(length=460), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_email"), ["email"], unique=True)

    op.create_table(
        "committee_status_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_committee_status_changes_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_committee_status_changes_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_status_changes")),
    )
    with op.batch_alter_table("committee_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_status_changes_committee_id_seq"),
            ["committee_id", "seq"],
            unique=True,
        )
        batch_op.create_index(
            batch_op.f("ix_committee_status_changes_effective_on"), ["effective_on"], unique=False
        )

    op.create_table(
        "committee_territories",
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "kind IN ('region', 'department')", name=op.f("ck_committee_territories_kind")
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_committee_territories_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "committee_id", "kind", "code", name=op.f("pk_committee_territories")
        ),
    )
    with op.batch_alter_table("committee_territories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_territories_kind_code"), ["kind", "code"], unique=False
        )

    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_refresh_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_refresh_tokens_family_id"), ["family_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_refresh_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "role_grants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role = 'network_admin') = (committee_id IS NULL)",
            name=op.f("ck_role_grants_scope_matches_role"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_role_grants_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_role_grants_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_grants")),
        sa.UniqueConstraint(
            "user_id", "role", "committee_id", name=op.f("uq_role_grants_user_id_role_committee_id")
        ),
    )
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_role_grants_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_role_grants_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_grants_user_id"))
        batch_op.drop_index(batch_op.f("ix_role_grants_committee_id"))

    op.drop_table("role_grants")
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_user_id"))
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_family_id"))

    op.drop_table("refresh_tokens")
    with op.batch_alter_table("committee_territories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_territories_kind_code"))

    op.drop_table("committee_territories")
    with op.batch_alter_table("committee_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_status_changes_effective_on"))
        batch_op.drop_index(batch_op.f("ix_committee_status_changes_committee_id_seq"))

    op.drop_table("committee_status_changes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_email"))

    op.drop_table("users")
    with op.batch_alter_table("committees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committees_status"))
        batch_op.drop_index(batch_op.f("ix_committees_parent_id"))
        batch_op.drop_index(batch_op.f("ix_committees_name_id"))

    op.drop_table("committees")
