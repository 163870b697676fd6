"""Participation: organisations (committee carriers become references), people, bodies,
memberships, meetings, attendance, headcounts, votes and expense claims.

Revision ID: 5c1f0e2b7a90
Revises: a9ccf55d5883
Create Date: 2026-11-23 12:46:44.310647
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.models

revision: str = "5c1f0e2b7a90"
down_revision: str | None = "a9ccf55d5883"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("search_key", sa.String(length=200), nullable=False),
        sa.Column("department_code", sa.String(length=3), nullable=True),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "type IN ('departmental_council', 'caf', 'msa', 'ccas', 'ars', 'state_service', 'training_institute', 'association', 'federation', 'crpa', 'university', 'other')",
            name=op.f("ck_organisations_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("siret", name=op.f("uq_organisations_siret")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_name_id"), ["name", "id"], unique=False)

    op.create_table(
        "bodies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('copil', 'cotech', 'plenary', 'agora', 'thematic', 'ethics', 'working_group', 'other')",
            name=op.f("ck_bodies_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_bodies_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
    )
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bodies_committee_id"), ["committee_id"], unique=False)

    op.create_table(
        "committee_carriers",
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_committee_carriers_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_committee_carriers_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "committee_id", "organisation_id", name=op.f("pk_committee_carriers")
        ),
    )
    with op.batch_alter_table("committee_carriers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_carriers_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("sort_key", sa.String(length=210), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('person_supported', 'social_worker', 'manager', 'elected_official', 'student', 'volunteer', 'trainer_researcher', 'institutional_partner', 'other')",
            name=op.f("ck_people_category"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_people_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("source", "external_id", name=op.f("uq_people_source_external_id")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_people_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_people_sort_key_id"), ["sort_key", "id"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("body_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("agenda", sa.Text(), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('body_meeting', 'launch_day', 'agora', 'working_group_session', 'other')",
            name=op.f("ck_meetings_kind"),
        ),
        sa.CheckConstraint(
            "mode IN ('in_person', 'remote', 'hybrid')", name=op.f("ck_meetings_mode")
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR ends_at >= starts_at", name=op.f("ck_meetings_times")
        ),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_meetings_body_id_bodies"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_meetings_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_body_id"), ["body_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meetings_committee_id_starts_at_id"),
            ["committee_id", "starts_at", "id"],
            unique=False,
        )

    op.create_table(
        "memberships",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("body_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("card_number", sa.String(length=50), nullable=True),
        sa.Column("sort_key", sa.String(length=210), nullable=False),
        sa.Column("renewal_of_id", sa.Uuid(), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('pilot', 'secretariat', 'titular', 'substitute', 'member', 'active_member')",
            name=op.f("ck_memberships_role"),
        ),
        sa.CheckConstraint(
            "end_on IS NULL OR end_on >= start_on", name=op.f("ck_memberships_dates")
        ),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["bodies.id"],
            name=op.f("fk_memberships_body_id_bodies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committees.id"],
            name=op.f("fk_memberships_committee_id_committees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_memberships_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["renewal_of_id"],
            ["memberships.id"],
            name=op.f("fk_memberships_renewal_of_id_memberships"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_memberships_source_external_id")
        ),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_body_id"), ["body_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_memberships_committee_id_sort_key_id"),
            ["committee_id", "sort_key", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_memberships_person_id_committee_id"),
            ["person_id", "committee_id"],
            unique=False,
        )

    op.create_table(
        "attendances",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("organisation_name", sa.String(length=200), nullable=True),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('registered', 'present', 'excused', 'absent')",
            name=op.f("ck_attendances_status"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attendances_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_attendances_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_attendances_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "person_id", name=op.f("pk_attendances")),
    )
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendances_person_id"), ["person_id"], unique=False)

    op.create_table(
        "expense_claims",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("paid_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('submitted', 'approved', 'rejected', 'paid')",
            name=op.f("ck_expense_claims_status"),
        ),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_expense_claims_amount")),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_expense_claims_decided_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_expense_claims_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_expense_claims_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_claims")),
    )
    with op.batch_alter_table("expense_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expense_claims_meeting_id_person_id"),
            ["meeting_id", "person_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_expense_claims_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "meeting_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_decisions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decisions")),
    )
    with op.batch_alter_table("meeting_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_decisions_meeting_id_position"),
            ["meeting_id", "position"],
            unique=True,
        )

    op.create_table(
        "meeting_headcounts",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("structures", sa.Integer(), nullable=True),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "structures IS NULL OR structures >= 0", name=op.f("ck_meeting_headcounts_structures")
        ),
        sa.CheckConstraint("total IS NULL OR total >= 0", name=op.f("ck_meeting_headcounts_total")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_headcounts_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_headcounts")),
    )
    op.create_table(
        "motions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("closed_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_motions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motions")),
    )
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motions_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ballots",
        sa.Column("motion_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.Column("cast_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "choice IN ('for', 'against', 'abstain')", name=op.f("ck_ballots_choice")
        ),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["motions.id"],
            name=op.f("fk_ballots_motion_id_motions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_ballots_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("motion_id", "person_id", name=op.f("pk_ballots")),
    )
    op.create_table(
        "meeting_headcount_lines",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('professional', 'student', 'elected_official', 'resource_person', 'person_supported', 'volunteer', 'other')",
            name=op.f("ck_meeting_headcount_lines_category"),
        ),
        sa.CheckConstraint("count >= 0", name=op.f("ck_meeting_headcount_lines_count")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting_headcounts.meeting_id"],
            name=op.f("fk_meeting_headcount_lines_meeting_id_meeting_headcounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "category", name=op.f("pk_meeting_headcount_lines")),
    )
    _carriers_to_organisations()
    with op.batch_alter_table("committees", schema=None) as batch_op:
        batch_op.drop_column("carrying_organisations")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Uuid(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_users_person_id"), ["person_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_users_person_id_people"),
            "people",
            ["person_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_person_id_people"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_users_person_id"), type_="unique")
        batch_op.drop_column("person_id")

    with op.batch_alter_table("committees", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("carrying_organisations", sa.JSON(), nullable=False, server_default="[]")
        )
    _organisations_to_carriers()

    op.drop_table("meeting_headcount_lines")
    op.drop_table("ballots")
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motions_meeting_id"))

    op.drop_table("motions")
    op.drop_table("meeting_headcounts")
    with op.batch_alter_table("meeting_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_decisions_meeting_id_position"))

    op.drop_table("meeting_decisions")
    with op.batch_alter_table("expense_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expense_claims_person_id"))
        batch_op.drop_index(batch_op.f("ix_expense_claims_meeting_id_person_id"))

    op.drop_table("expense_claims")
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendances_person_id"))

    op.drop_table("attendances")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_person_id_committee_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_committee_id_sort_key_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_body_id"))

    op.drop_table("memberships")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_committee_id_starts_at_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_body_id"))

    op.drop_table("meetings")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_sort_key_id"))
        batch_op.drop_index(batch_op.f("ix_people_organisation_id"))

    op.drop_table("people")
    with op.batch_alter_table("committee_carriers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_carriers_organisation_id"))

    op.drop_table("committee_carriers")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bodies_committee_id"))

    op.drop_table("bodies")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_name_id"))

    op.drop_table("organisations")


_committees = sa.table(
    "committees", sa.column("id", sa.Uuid()), sa.column("carrying_organisations", sa.JSON())
)
_organisations = sa.table(
    "organisations",
    sa.column("id", sa.Uuid()),
    sa.column("type", sa.String()),
    sa.column("name", sa.String()),
    sa.column("search_key", sa.String()),
    sa.column("created_at", api.core.models.UTCDateTime()),
    sa.column("updated_at", api.core.models.UTCDateTime()),
    sa.column("version", sa.Integer()),
)
_carriers = sa.table(
    "committee_carriers",
    sa.column("committee_id", sa.Uuid()),
    sa.column("organisation_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
)


def _carriers_to_organisations() -> None:
    """Each carrier name becomes one organisation (type `other`, to be qualified later)."""
    import json
    import unicodedata
    import uuid
    from datetime import UTC, datetime

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    bind = op.get_bind()
    now = datetime.now(UTC)
    by_name: dict[str, uuid.UUID] = {}
    links = []
    for committee_id, names in bind.execute(
        sa.select(_committees.c.id, _committees.c.carrying_organisations)
    ):
        for position, name in enumerate(
            json.loads(names) if isinstance(names, str) else names or []
        ):
            if name not in by_name:
                by_name[name] = uuid.uuid4()
                bind.execute(
                    _organisations.insert().values(
                        id=by_name[name],
                        type="other",
                        name=name,
                        search_key=fold(name),
                        created_at=now,
                        updated_at=now,
                        version=1,
                    )
                )
            links.append(
                {
                    "committee_id": committee_id,
                    "organisation_id": by_name[name],
                    "position": position,
                }
            )
    if links:
        bind.execute(_carriers.insert(), links)


def _organisations_to_carriers() -> None:
    bind = op.get_bind()
    names: dict[object, list[str]] = {}
    rows = bind.execute(
        sa.select(_carriers.c.committee_id, _organisations.c.name)
        .join(_organisations, _organisations.c.id == _carriers.c.organisation_id)
        .order_by(_carriers.c.committee_id, _carriers.c.position)
    )
    for committee_id, name in rows:
        names.setdefault(committee_id, []).append(name)
    for committee_id, carriers in names.items():
        bind.execute(
            _committees.update()
            .where(_committees.c.id == committee_id)
            .values(carrying_organisations=carriers)
        )
