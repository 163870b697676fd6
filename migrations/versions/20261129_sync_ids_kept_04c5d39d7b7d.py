"""Sync ids survive renewals; working groups list their members as people.

A renewal now carries its membership's `external_id` and `source`: the source's record is the
membership, not one of its terms. The pair stays unique among first terms (a partial index
instead of the unique constraint), and the renewals made before lost the pair: it is copied
down each chain of terms again.

A working group's `member_ids` were membership ids beside `pilot_ids` that were person ids:
both are person ids now, one row per person (a person listed through two terms is one member).
Going down, each member points at their latest term in the group's committee.

Revision ID: 04c5d39d7b7d
Revises: 3f9a6c2d81e4
Create Date: 2026-11-29 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "04c5d39d7b7d"
down_revision: str | None = "3f9a6c2d81e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FIRST_TERMS = sa.text("renewal_of_id IS NULL")
# One link of every chain whose predecessor has the pair and which lost it; run until none.
_CARRY_DOWN = sa.text(
    "UPDATE memberships SET "
    "external_id = (SELECT p.external_id FROM memberships p WHERE p.id = memberships.renewal_of_id),"
    " source = (SELECT p.source FROM memberships p WHERE p.id = memberships.renewal_of_id),"
    " version = version + 1 "
    "WHERE external_id IS NULL AND renewal_of_id IS NOT NULL AND EXISTS ("
    "SELECT 1 FROM memberships p WHERE p.id = memberships.renewal_of_id"
    " AND p.external_id IS NOT NULL)"
)


def _members_table(key: str, referred: str) -> None:
    op.create_table(
        "working_group_members",
        sa.Column("working_group_id", sa.Uuid(), nullable=False),
        sa.Column(key, sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            [key],
            [f"{referred}.id"],
            # A member's person or term is kept while a group names them (as for pilots).
            name=op.f(f"fk_working_group_members_{key}_{referred}"),
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["working_groups.id"],
            name=op.f("fk_working_group_members_working_group_id_working_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("working_group_id", key, name=op.f("pk_working_group_members")),
    )
    with op.batch_alter_table("working_group_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_working_group_members_{key}"), [key], unique=False)


def _drop_members_table(key: str) -> None:
    with op.batch_alter_table("working_group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_working_group_members_{key}"))
    op.drop_table("working_group_members")


def _insert_members(key: str, rows: list[dict[str, object]]) -> None:
    if rows:
        columns = [sa.column("working_group_id", sa.Uuid()), sa.column(key, sa.Uuid())]
        op.bulk_insert(sa.table("working_group_members", *columns), rows)


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_memberships_source_external_id"), type_="unique")
    while bind.execute(_CARRY_DOWN).rowcount:
        pass
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_memberships_source_external_id"),
            ["source", "external_id"],
            unique=True,
            sqlite_where=_FIRST_TERMS,
            postgresql_where=_FIRST_TERMS,
        )

    members = bind.execute(
        sa.text(
            "SELECT DISTINCT l.working_group_id, m.person_id FROM working_group_members l "
            "JOIN memberships m ON m.id = l.membership_id"
        ).columns(working_group_id=sa.Uuid(), person_id=sa.Uuid())
    ).all()
    _drop_members_table("membership_id")
    _members_table("person_id", "people")
    _insert_members("person_id", [{"working_group_id": g, "person_id": p} for g, p in members])


def downgrade() -> None:
    bind = op.get_bind()
    # Latest term first, so the first row seen for a (group, person) is the one kept.
    terms = bind.execute(
        sa.text(
            "SELECT l.working_group_id, l.person_id, m.id FROM working_group_members l "
            "JOIN working_groups g ON g.id = l.working_group_id "
            "JOIN memberships m ON m.person_id = l.person_id AND m.committee_id = g.committee_id "
            "ORDER BY m.start_on DESC, m.id"
        ).columns(working_group_id=sa.Uuid(), person_id=sa.Uuid(), id=sa.Uuid())
    ).all()
    kept: dict[tuple[object, object], object] = {}
    for group_id, person_id, membership_id in terms:
        kept.setdefault((group_id, person_id), membership_id)
    _drop_members_table("person_id")
    _members_table("membership_id", "memberships")
    _insert_members(
        "membership_id",
        [{"working_group_id": g, "membership_id": m} for (g, _), m in kept.items()],
    )

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_source_external_id"))
    # The old schema keeps the pair on the first term only.
    bind.execute(
        sa.text(
            "UPDATE memberships SET external_id = NULL, source = NULL, version = version + 1 "
            "WHERE renewal_of_id IS NOT NULL AND external_id IS NOT NULL"
        )
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_memberships_source_external_id"), ["source", "external_id"]
        )
