"""The change feed: the outbox read back in order (api/outbox/service.py says why that order
never skips an event), as far as the caller may read it."""

from typing import Any

import orjson
from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.changes.catalogue import PERSON_TYPES, READ_BY
from api.core.pagination import decode_cursor, encode_cursor
from api.memberships.service import people_in_committees
from api.outbox.service import POSITION, START, Readable, read_feed


def readable_by(subject: Subject) -> Readable:
    """network_admin reads every event; others the events of the committees where they hold
    the type's permission (`catalogue.READ_BY`), and those about the people they may read
    (a term in a committee where they hold `people:read`, as api/people decides); the
    network's own types (no committee) are network_admin's alone."""
    if subject.is_network_admin:
        return Readable(everything=True)
    on_committees = [
        (types, committees)
        for permission, types in READ_BY.items()
        if (committees := subject.committees_where(permission))
    ]
    people = subject.committees_where(Permission.people_read)
    about_people = (PERSON_TYPES, people_in_committees(people)) if people else None
    return Readable(on_committees=on_committees, about_people=about_people)


def read_changes(
    session: Session,
    *,
    subject: Subject,
    types: list[str] | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str]:
    """The next `limit` changes after `cursor` that `subject` may read, and the cursor to
    resume from, given even when nothing came (the client polls with it)."""
    after = tuple(decode_cursor(cursor, POSITION)) if cursor is not None else START
    rows = read_feed(session, after=after, limit=limit, readable=readable_by(subject), types=types)
    if rows:
        after = (rows[-1].xact_id, rows[-1].id)
    return [as_change(row) for row in rows], encode_cursor(after)


def as_change(row: Any) -> dict[str, Any]:
    """A row of `read_feed` as the feed writes it (`ChangePublic`), webhooks included."""
    # Unpacked, not read by name: a drain's rows are its hot path. The payload's JSON text goes
    # into the answer as it is (core.reads writes rows with orjson).
    id, type, at, committee, payload, client, _ = row
    return {"id": id, "type": type, "occurred_at": at, "committee_id": committee,
            "payload": orjson.Fragment(payload), "by_client_id": client}  # fmt: skip
