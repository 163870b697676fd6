"""History is never deleted as a side effect: cascades into records become NO ACTION.

Deleting a committee cascaded its meetings, memberships, claims, contributions, relays, HCTS
mandates and candidatures, registrations, programmes and status history; deleting a meeting its
attendance, decisions, headcount and votes; deleting a person all their records. Those foreign
keys now refuse the delete (NO ACTION, checked at the end of the statement, so the cascades
still allowed, e.g. a committee's bodies, go through), and the services answer 409 naming what
the row holds. Three SET NULL keys that unlinked history from a deleted meeting or membership
refuse too. The cascades that remain are listed, with their reason, in
tests/test_foreign_keys.py.

Revision ID: 3f9a6c2d81e4
Revises: ed8742be1586
Create Date: 2026-11-29 10:12:40.518204
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f9a6c2d81e4"
down_revision: str | None = "ed8742be1586"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# table: [(column, referred table, ON DELETE before this revision)]; all become NO ACTION.
_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "attendances": [("meeting_id", "meetings", "CASCADE"), ("person_id", "people", "CASCADE")],
    "ballots": [("motion_id", "motions", "CASCADE"), ("person_id", "people", "CASCADE")],
    "committee_status_changes": [("committee_id", "committees", "CASCADE")],
    "contributions": [("committee_id", "committees", "CASCADE")],
    "expense_claims": [("meeting_id", "meetings", "CASCADE"), ("person_id", "people", "CASCADE")],
    "hcts_candidatures": [
        ("committee_id", "committees", "CASCADE"),
        ("person_id", "people", "CASCADE"),
    ],
    "hcts_mandates": [
        ("committee_id", "committees", "CASCADE"),
        ("person_id", "people", "CASCADE"),
    ],
    "hcts_relays": [
        ("committee_id", "committees", "CASCADE"),
        ("meeting_id", "meetings", "SET NULL"),
    ],
    "indicator_measurements": [("indicator_id", "indicators", "CASCADE")],
    "meeting_decisions": [("meeting_id", "meetings", "CASCADE")],
    "meeting_headcounts": [("meeting_id", "meetings", "CASCADE")],
    "meetings": [("committee_id", "committees", "CASCADE")],
    "memberships": [
        ("committee_id", "committees", "CASCADE"),
        ("person_id", "people", "CASCADE"),
        ("renewal_of_id", "memberships", "SET NULL"),
    ],
    "motions": [("meeting_id", "meetings", "CASCADE")],
    "seminar_registrations": [
        ("committee_id", "committees", "CASCADE"),
        ("person_id", "people", "CASCADE"),
        ("seminar_id", "seminars", "CASCADE"),
    ],
    "work_programme_transitions": [
        ("meeting_id", "meetings", "SET NULL"),
        ("programme_id", "work_programmes", "CASCADE"),
    ],
    "work_programmes": [("committee_id", "committees", "CASCADE")],
    "working_group_members": [("membership_id", "memberships", "CASCADE")],
    "working_group_pilots": [("person_id", "people", "CASCADE")],
    "working_groups": [("committee_id", "committees", "CASCADE")],
}


def _set_on_delete(*, restore: bool) -> None:
    # One batch per table: SQLite copies each table once, whatever the number of its keys.
    for table, keys in _KEYS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, referred, before in keys:
                name = batch_op.f(f"fk_{table}_{column}_{referred}")
                batch_op.drop_constraint(name, type_="foreignkey")
                batch_op.create_foreign_key(
                    name, referred, [column], ["id"], ondelete=before if restore else None
                )


def upgrade() -> None:
    _set_on_delete(restore=False)


def downgrade() -> None:
    _set_on_delete(restore=True)
