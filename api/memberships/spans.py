"""Members' spans (`MemberSpan`): for each person and unit the figures count by (each
committee; the network as each scope counts it, with or without the committees that are not
public), the days they held a term there, their terms merged. People are then counted once by
counting spans, with no pass over every term: api.memberships.service_figures.

Kept in the transaction of every write that changes them: terms (ORM flushes, and `add_terms`
which calls `refresh`), a person's category or organisation, a committee's scale or publicity.
A flush notes the people concerned; once it has run, their spans are computed again from their
terms, their people rows locked first so that two writers of one person queue (PostgreSQL;
SQLite has one writer at a time). `rebuild` computes every span from the terms; the suite
checks that the spans kept equal it (tests/memberships/test_spans.py)."""

import uuid
from collections.abc import Collection, Iterable, Iterator
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm import attributes as orm_attributes
from sqlmodel import col

from api.committees import service_figures as committees
from api.committees.scopes import SCALES, Scope
from api.core.queries import among
from api.memberships.models import Membership, MemberSpan
from api.people.service import PERSON, join_person
from api.people.service import on_counted_change as on_person_change

YEAR = timedelta(days=365)  # retention's "a year after": 365 days, as the figures count it
_DAY = timedelta(days=1)
_CHUNK = 1000  # people refreshed per statement


def network_unit(scope: Scope, *, public_only: bool) -> str:
    """The `network` of the spans counting `scope`'s committees (only the public ones)."""
    return f"{scope.value}:public" if public_only else scope.value


# Each network unit: the scales it counts, and whether public committees only.
_NETWORKS = {
    network_unit(scope, public_only=public): (frozenset(s.value for s in SCALES[scope]), public)
    for scope in Scope
    for public in (False, True)
}

_TERMS = committees.join_counted(
    join_person(
        select(
            col(Membership.person_id),
            col(Membership.committee_id),
            col(Membership.start_on),
            col(Membership.end_on),
            PERSON.category,
            PERSON.organisation_id,
            committees.COUNTED.scale,
            committees.COUNTED.is_public,
        ),
        col(Membership.person_id),
    ),
    col(Membership.committee_id),
)


def refresh(connection: Connection, person_ids: Collection[uuid.UUID]) -> None:
    """Compute the spans of these people again from their terms."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        if connection.dialect.name == "postgresql":
            connection.execute(
                select(PERSON.id)
                .where(among(connection, PERSON.id, chunk))
                .order_by(PERSON.id)
                # Not FOR UPDATE: the writer's new terms hold key-share locks on these rows.
                .with_for_update(key_share=True)  # FOR NO KEY UPDATE
            )
        connection.execute(delete(MemberSpan).where(among(connection, MemberSpan.person_id, chunk)))
        terms = connection.execute(
            _TERMS.where(among(connection, Membership.person_id, chunk)).order_by(
                col(Membership.person_id)
            )
        )
        _insert(connection, _spans(terms))


def rebuild(connection: Connection) -> None:
    """Every span, computed from the terms (a migration's backfill, a bulk load)."""
    connection.execute(delete(MemberSpan))
    terms = connection.execution_options(yield_per=10_000).execute(
        _TERMS.order_by(col(Membership.person_id))
    )
    batch: list[dict[str, Any]] = []
    for span in _spans(terms):
        batch.append(span)
        if len(batch) >= 10_000:
            _insert(connection, batch)
            batch = []
    _insert(connection, batch)


def computed(connection: Connection) -> list[dict[str, Any]]:
    """Every span as `rebuild` would write it, without writing (the suite's check)."""
    return list(_spans(connection.execute(_TERMS.order_by(col(Membership.person_id)))))


def _insert(connection: Connection, spans: Iterable[dict[str, Any]]) -> None:
    rows = list(spans)
    if rows:
        connection.execute(insert(MemberSpan), rows)


def _spans(terms: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The spans of the people whose terms these are (ordered by person)."""
    for person_id, theirs in groupby(terms, key=lambda term: term.person_id):
        held = list(theirs)
        by_unit: dict[tuple[uuid.UUID | None, str | None], list[tuple[date, date | None]]] = {}
        for term in held:
            dates = (term.start_on, term.end_on)
            by_unit.setdefault((term.committee_id, None), []).append(dates)
            for unit, (scales, public_only) in _NETWORKS.items():
                if term.scale in scales and (term.is_public or not public_only):
                    by_unit.setdefault((None, unit), []).append(dates)
        person = {
            "person_id": person_id,
            "category": held[0].category,
            "organisation_id": held[0].organisation_id,
        }
        for (committee_id, network), held_there in by_unit.items():
            merged = _merged(held_there)
            anniversary = merged[0][0] + YEAR
            stayed = any(s <= anniversary and (e is None or e >= anniversary) for s, e in merged)
            for n, (start_on, end_on) in enumerate(merged):
                yield person | {
                    "committee_id": committee_id,
                    "network": network,
                    "start_on": start_on,
                    "end_on": end_on,
                    "leading": n == 0,
                    "stayed": stayed,
                }


def _merged(dates: list[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    """The days of these terms as disjoint spans, in order (a span goes on through the day
    after it when a term starts then); None: no end."""
    merged: list[tuple[date, date | None]] = []
    for start, end in sorted(dates, key=lambda d: d[0]):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end + _DAY:
                longer = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, longer)
                continue
        merged.append((start, end))
    return merged


# Kept with the writes. Terms: a flush notes whose spans it changes, which are computed again
# once it has run. A person's category or organisation, a committee's scale or publicity: their
# owners tell, in the flush that writes them.
_NOTED = "member_spans.people"


def _committee_changed(connection: Connection, committee_id: uuid.UUID) -> None:
    people = connection.execute(
        select(col(Membership.person_id))
        .where(col(Membership.committee_id) == committee_id)
        .distinct()
    ).scalars()
    refresh(connection, set(people))


on_person_change(lambda connection, person_id: refresh(connection, [person_id]))
committees.on_counted_change(_committee_changed)


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, _flush: UOWTransaction) -> None:
    people: set[uuid.UUID] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Membership):
            people.add(instance.person_id)
            people.update(orm_attributes.instance_state(instance).attrs.person_id.history.deleted)
    if people:
        session.info.setdefault(_NOTED, set()).update(people)


@event.listens_for(Session, "after_flush_postexec")
def _refresh_noted(session: Session, _flush: UOWTransaction) -> None:
    if people := session.info.pop(_NOTED, set()):
        refresh(session.connection(), people)
