"""What deleting a row does to the rows that refer to it, key by key.

Nothing that carries history, personal records or money disappears as a side effect: a foreign
key refuses the delete (NO ACTION, RESTRICT) unless it is listed below with its reason. A new
CASCADE or SET NULL fails here until someone writes down why it loses nothing."""

from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import api.tables  # noqa: F401  (registers every table)

Key = tuple[str, str]  # (table, column)

_LOGIN = "who acted: erasing a login keeps the act, without its author's link"
_CONTENT = (
    "content of a programme action, deleted only while the programme's content is editable; "
    "indicator measurements refuse"
)
_ITEM_TARGET = "the newsletter item keeps its title and text (a target deleted leaves text)"
_SNAPSHOT = "the row keeps the organisation's name as it was that day"
_COMPOSITION = "the group's current composition, replaced as a whole on update: no dates"

# The keys that delete or unlink rows along with their target, with why nothing is lost.
ALLOWED: dict[Key, tuple[str, str]] = {
    # CASCADE: parts of the deleted row that are no record of their own.
    ("action_tags", "action_id"): ("CASCADE", "the action's tags: a link, no history"),
    ("attendance_tallies", "meeting_id"): (
        "CASCADE",
        "counts derived from the meeting's attendance, which itself refuses the delete",
    ),
    ("bodies", "committee_id"): (
        "CASCADE",
        "the committee's structure; what a body held (memberships, meetings) refuses by its keys",
    ),
    ("committee_carriers", "committee_id"): (
        "CASCADE",
        "which organisations carry the committee: its description, no dates",
    ),
    ("committee_territories", "committee_id"): (
        "CASCADE",
        "the territories the committee covers: its description",
    ),
    ("composition_targets", "body_id"): (
        "CASCADE",
        "the body's targets: a setting replaced as a whole, no dates; who sat in it refuses",
    ),
    ("contribution_transitions", "contribution_id"): (
        "CASCADE",
        "only a draft is deleted, and a draft's one step is its creation (never back to draft)",
    ),
    ("deliverables", "action_id"): ("CASCADE", _CONTENT),
    ("indicators", "action_id"): ("CASCADE", _CONTENT),
    ("idempotency_records", "user_id"): ("CASCADE", "a cache of the login's replies"),
    ("idempotency_records", "client_id"): ("CASCADE", "a cache of the machine client's replies"),
    ("inbox_reads", "committee_id"): ("CASCADE", "read markers: display state, no record"),
    ("meeting_headcount_lines", "meeting_id"): (
        "CASCADE",
        "the lines of one headcount (the headcount itself refuses its meeting's delete)",
    ),
    ("newsletter_items", "issue_id"): (
        "CASCADE",
        "only a draft issue is deleted; a published one is kept as the network's record",
    ),
    ("programme_actions", "programme_id"): (
        "CASCADE",
        "content of a draft programme (only drafts are deleted); measurements and status "
        "steps beyond the creation refuse",
    ),
    ("refresh_tokens", "user_id"): ("CASCADE", "the login's tokens"),
    ("machine_client_committees", "client_id"): ("CASCADE", "a client's access: a link"),
    ("machine_client_committees", "committee_id"): ("CASCADE", "a client's access: a link"),
    ("webhook_deliveries", "subscription_id"): (
        "CASCADE",
        "a subscription's delivery log, deleted by its client with it; the events stay in the "
        "outbox",
    ),
    ("role_grants", "committee_id"): (
        "CASCADE",
        "access to the committee as it is now (grants keep no history); only an empty "
        "committee is deleted",
    ),
    ("role_grants", "user_id"): ("CASCADE", "the login's access, nothing else"),
    ("working_group_members", "working_group_id"): ("CASCADE", _COMPOSITION),
    ("working_group_pilots", "working_group_id"): ("CASCADE", _COMPOSITION),
    # SET NULL: the row stays, whole, without a link it does not need to mean what it says.
    ("attendances", "organisation_id"): ("SET NULL", _SNAPSHOT),
    ("seminar_registrations", "organisation_id"): ("SET NULL", _SNAPSHOT),
    ("committee_status_changes", "recorded_by"): ("SET NULL", _LOGIN),
    ("contribution_transitions", "by_user_id"): ("SET NULL", _LOGIN),
    ("contributions", "created_by"): ("SET NULL", _LOGIN),
    ("machine_clients", "created_by"): ("SET NULL", _LOGIN),
    ("expense_claims", "decided_by"): ("SET NULL", _LOGIN),
    ("hcts_candidatures", "decided_by"): ("SET NULL", _LOGIN),
    ("hcts_candidatures", "proposed_by"): ("SET NULL", _LOGIN),
    ("hcts_relays", "created_by"): ("SET NULL", _LOGIN),
    ("inbox_reads", "read_by"): ("SET NULL", _LOGIN),
    ("seminar_registrations", "registered_by"): ("SET NULL", _LOGIN),
    ("work_programme_transitions", "actor_id"): ("SET NULL", _LOGIN),
    ("users", "person_id"): ("SET NULL", "a login's link to its person; the login is no record"),
    ("programme_actions", "pilot_person_id"): (
        "SET NULL",
        "who pilots the action now: programme content, edited freely before validation",
    ),
    ("contributions", "deliverable_id"): (
        "SET NULL",
        "the contribution keeps its own text; deliverables go only with editable content",
    ),
    ("hcts_calls", "axis_id"): ("SET NULL", "a classification; the axis delete refuses first"),
    ("hcts_publications", "axis_id"): (
        "SET NULL",
        "a classification; the axis delete refuses first",
    ),
    ("newsletter_items", "contribution_id"): ("SET NULL", _ITEM_TARGET),
    ("newsletter_items", "meeting_id"): ("SET NULL", _ITEM_TARGET),
    ("newsletter_items", "publication_id"): ("SET NULL", _ITEM_TARGET),
}

# Rules that keep the referring rows: the delete is refused while they exist.
REFUSING = {"NO ACTION", "RESTRICT"}


def model_rules() -> dict[Key, str]:
    return {
        (table.name, key.parent.name): (key.ondelete or "NO ACTION").upper()
        for table in SQLModel.metadata.tables.values()
        for key in table.foreign_keys
    }


def database_rules(engine: Engine) -> dict[Key, str]:
    inspector = inspect(engine)
    return {
        (table, column): (key["options"].get("ondelete") or "NO ACTION").upper()
        for table in inspector.get_table_names()
        if table != "alembic_version"
        for key in inspector.get_foreign_keys(table)
        for column in key["constrained_columns"]
    }


def unlisted(rules: dict[Key, str]) -> list[str]:
    return sorted(
        f"{table}.{column}: ON DELETE {rule}"
        for (table, column), rule in rules.items()
        if rule not in REFUSING and ALLOWED.get((table, column), ("",))[0] != rule
    )


def test_no_key_deletes_or_unlinks_rows_unless_listed_with_its_reason() -> None:
    assert unlisted(model_rules()) == []


def test_the_migrated_database_has_the_rules_of_the_models(engine: Engine) -> None:
    assert database_rules(engine) == model_rules()
    assert unlisted(database_rules(engine)) == []


def test_the_list_names_only_keys_that_exist_with_that_rule() -> None:
    rules = model_rules()
    stale = [f"{t}.{c}" for (t, c), (rule, _) in ALLOWED.items() if rules.get((t, c)) != rule]
    assert stale == []
    assert all(reason for _, reason in ALLOWED.values())


def test_the_check_catches_a_new_cascade_and_a_changed_rule() -> None:
    rules = model_rules()
    new_cascade = rules | {("meetings", "committee_id"): "CASCADE"}
    changed = rules | {("bodies", "committee_id"): "SET NULL"}

    assert unlisted(new_cascade) == ["meetings.committee_id: ON DELETE CASCADE"]
    assert unlisted(changed) == ["bodies.committee_id: ON DELETE SET NULL"]
    assert "CASCADE" in rules.values()  # the allowed cascades are read as such
