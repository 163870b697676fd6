"""Many terms written at once (a bulk import): one statement or one flush for all, and the
events the single writes of `service_terms` emit. The caller has checked what those check
(the body is the committee's, the end is not before the start)."""

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from api.core.clock import utcnow
from api.core.queries import among
from api.core.writes import insert_rows
from api.memberships import spans
from api.memberships.models import Membership
from api.memberships.service_terms import term_payload
from api.outbox.service import Event, emit_many


@dataclass(frozen=True)
class NewTerm:
    id: uuid.UUID
    committee_id: uuid.UUID
    person_id: uuid.UUID
    sort_key: str  # the person's (see people_links)
    body_id: uuid.UUID | None
    role: str
    start_on: date
    end_on: date | None


def add_terms(session: Session, *, terms: Sequence[NewTerm]) -> None:
    """Create each term as `create_membership` would, in one INSERT."""
    now = utcnow()
    rows = [
        {
            "id": t.id,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "committee_id": t.committee_id,
            "person_id": t.person_id,
            "body_id": t.body_id,
            "role": t.role,
            "start_on": t.start_on,
            "end_on": t.end_on,
            "sort_key": t.sort_key,
        }
        for t in terms
    ]
    if rows:
        insert_rows(session, Membership.__table__, rows)  # type: ignore[attr-defined]
        spans.refresh(session.connection(), {t.person_id for t in terms})
    emit_many(
        session, [Event("membership.created", t.committee_id, term_payload(t)) for t in terms]
    )


def _load(session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Membership]:
    stmt = select(Membership).where(among(session, Membership.id, ids))
    return {m.id: m for m in session.exec(stmt).all()}


def change_terms(session: Session, *, changes: Sequence[tuple[uuid.UUID, dict[str, Any]]]) -> None:
    """Correct each (term id, fields) as `update_membership` would, in one read and one
    flush; `start_on` too, which a source system may correct."""
    terms = _load(session, [id for id, _ in changes]) if changes else {}
    now = utcnow()
    for term_id, fields in changes:
        term = terms[term_id]
        for field, value in fields.items():
            setattr(term, field, value)
        term.updated_at = now
        session.add(term)
    session.flush()
    emit_many(
        session,
        [
            Event(
                "membership.updated",
                terms[id].committee_id,
                term_payload(terms[id], fields=sorted(f)),
            )
            for id, f in changes
        ],
    )


def end_terms(session: Session, *, term_ids: Collection[uuid.UUID], end_on: date) -> None:
    """End each term on `end_on` as `end_membership` would, in one read and one flush."""
    terms = list(_load(session, term_ids).values()) if term_ids else []
    now = utcnow()
    for term in terms:
        term.end_on = end_on
        term.updated_at = now
        session.add(term)
    session.flush()
    emit_many(session, [Event("membership.ended", t.committee_id, term_payload(t)) for t in terms])


class Term(NamedTuple):
    """What a sync compares of a term (a row, not an ORM object: thousands are read)."""

    id: uuid.UUID
    person_id: uuid.UUID
    role: str
    body_id: uuid.UUID | None
    start_on: date
    end_on: date | None


_TERM: list[Any] = [col(getattr(Membership, name)) for name in Term._fields]


def terms_in(session: Session, *, committee_id: uuid.UUID) -> list[Term]:
    """Every term of the committee, whatever its dates (one query)."""
    stmt = select(*_TERM).where(col(Membership.committee_id) == committee_id)
    return [Term._make(row) for row in session.execute(stmt).all()]


def committees_of(
    session: Session, *, person_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """The committees each of these people holds or held a term in (one query)."""
    found: dict[uuid.UUID, set[uuid.UUID]] = {}
    if person_ids:
        stmt = (
            select(Membership.person_id, Membership.committee_id)
            .where(among(session, Membership.person_id, person_ids))
            .distinct()
        )
        for person_id, committee_id in session.exec(stmt).all():
            found.setdefault(person_id, set()).add(committee_id)
    return found
