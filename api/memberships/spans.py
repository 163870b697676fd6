"""Members' spans (`MemberSpan`) and their day counts (`MemberDayCount`,
`OrganisationDayCount`): for each person and unit the figures count by (each committee; the
network as each scope counts it, with or without the committees that are not public), the days
they held a term there, their terms merged; and per unit, category and day, the spans starting
less those ended. People in a term on a day are then a sum up to it, each person once, with no
pass over every term: api.memberships.service_figures.

Kept in the transaction of every write that changes them: terms (ORM flushes, and `add_terms`
which calls `refresh`), a person's category or organisation, a committee's scale or publicity.
A flush notes the people concerned; once it has run, their spans are computed again from their
terms and the counts moved by the difference, their people rows locked first so that two
writers of one person queue (PostgreSQL; SQLite has one writer at a time). `rebuild` computes
everything from the terms; after every test the suite checks that what is kept equals it
(tests/aggregates_kept.py)."""

import uuid
from collections.abc import Collection, Iterable, Iterator
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, delete, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm import attributes as orm_attributes
from sqlmodel import col

from api.committees import service_figures as committees
from api.committees.scopes import SCALES, Scope
from api.committees.service import COMMITTEE, join_committee
from api.core.queries import among
from api.core.writes import insert_rows
from api.memberships.models import (
    MemberDayCount,
    Membership,
    MemberSpan,
    OrganisationDayCount,
)
from api.people.service import PERSON, join_person
from api.people.service import on_counted_change as on_person_change

YEAR = timedelta(days=365)  # retention's "a year after": 365 days, as the figures count it
_DAY = timedelta(days=1)
_CHUNK = 2000  # people refreshed per statement


def network_unit(scope: Scope, *, public_only: bool) -> str:
    """The `network` of the spans counting `scope`'s committees (only the public ones)."""
    return f"{scope.value}:public" if public_only else scope.value


# Each network unit: the scales it counts, and whether public committees only.
_NETWORKS = {
    network_unit(scope, public_only=public): (frozenset(s.value for s in SCALES[scope]), public)
    for scope in Scope
    for public in (False, True)
}

_TERMS = join_committee(
    join_person(
        select(
            col(Membership.person_id),
            col(Membership.committee_id),
            col(Membership.start_on),
            col(Membership.end_on),
            PERSON.category,
            PERSON.organisation_id,
            COMMITTEE.scale,
            COMMITTEE.is_public,
        ),
        col(Membership.person_id),
    ),
    col(Membership.committee_id),
)


def unit_of(committee_id: uuid.UUID | None, network: str | None) -> str:
    """The `unit` of the day counts: a network unit's name, or the committee's id."""
    return network if network is not None else str(committee_id)


_SPAN_COLUMNS = [
    "person_id", "committee_id", "network", "start_on", "end_on", "is_first", "stayed",
    "category", "organisation_id",
]  # fmt: skip


def refresh(connection: Connection, person_ids: Collection[uuid.UUID]) -> None:
    """Compute the spans of these people again from their terms, and move the day counts by
    the difference."""
    ids = sorted(set(person_ids))
    days, organisations = Counts(), Counts()
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
        theirs = among(connection, MemberSpan.person_id, chunk)
        table = MemberSpan.__table__  # type: ignore[attr-defined]
        held = select(*(table.c[c] for c in _SPAN_COLUMNS)).where(theirs)
        old = [dict(zip(_SPAN_COLUMNS, row, strict=True)) for row in connection.execute(held)]
        connection.execute(delete(MemberSpan).where(theirs))
        terms = connection.execute(
            _TERMS.where(among(connection, Membership.person_id, chunk)).order_by(
                col(Membership.person_id)
            )
        )
        new = list(_spans(terms))
        _insert(connection, MemberSpan, new)
        days.add(new, organisations)
        days.add(old, organisations, sign=-1)
    _move(connection, days, organisations)


def rebuild(connection: Connection) -> None:
    """Every span and day count, computed from the terms (a migration's backfill, a bulk load)."""
    for table in (MemberSpan, MemberDayCount, OrganisationDayCount):
        connection.execute(delete(table))
    terms = connection.execute(
        _TERMS.order_by(col(Membership.person_id)).execution_options(yield_per=10_000)
    )
    days, organisations = Counts(), Counts()
    batch: list[dict[str, Any]] = []
    for span in _spans(terms):
        batch.append(span)
        if len(batch) >= 10_000:
            _insert(connection, MemberSpan, batch)
            days.add(batch, organisations)
            batch = []
    _insert(connection, MemberSpan, batch)
    days.add(batch, organisations)
    _insert(connection, MemberDayCount, days.day_rows())
    _insert(connection, OrganisationDayCount, organisations.organisation_rows())


def computed(connection: Connection) -> tuple[list[dict[str, Any]], "Counts", "Counts"]:
    """Every span, and the day counts, as `rebuild` would write them, without writing (the
    suite's check)."""
    spans = list(_spans(connection.execute(_TERMS.order_by(col(Membership.person_id)))))
    days, organisations = Counts(), Counts()
    days.add(spans, organisations)
    return spans, days, organisations


class Counts(dict[tuple[Any, ...], list[int]]):
    """Day counts by key: (unit, category, day) -> [delta, firsts, stayed], or (unit,
    organisation_id, day) -> [delta]."""

    def add(self, spans: Iterable[dict[str, Any]], organisations: "Counts", sign: int = 1) -> None:
        """Count `spans` in (with `sign` -1, out): the days here, organisations there."""
        for span in spans:
            unit = unit_of(span["committee_id"], span["network"])
            first = sign if span["is_first"] else 0
            stayed = first if span["stayed"] else 0
            self._move((unit, span["category"], span["start_on"]), sign, first, stayed)
            end = span["end_on"]
            if end is not None:
                self._move((unit, span["category"], end + _DAY), -sign, 0, 0)
            if span["organisation_id"] is not None:
                organisations._move((unit, span["organisation_id"], span["start_on"]), sign)
                if end is not None:
                    organisations._move((unit, span["organisation_id"], end + _DAY), -sign)

    def _move(self, key: tuple[Any, ...], *by: int) -> None:
        counts = self.setdefault(key, [0] * len(by))
        for n, step in enumerate(by):
            counts[n] += step

    def changed(self) -> list[tuple[tuple[Any, ...], list[int]]]:
        """The keys that move, in order (writers lock rows in the same order)."""
        return sorted((key, counts) for key, counts in self.items() if any(counts))

    def day_rows(self) -> list[dict[str, Any]]:
        return [
            {"unit": u, "category": c, "day": d, "delta": n, "firsts": f, "stayed": s}
            for (u, c, d), (n, f, s) in self.changed()
        ]

    def organisation_rows(self) -> list[dict[str, Any]]:
        return [
            {"unit": u, "organisation_id": o, "day": d, "delta": n}
            for (u, o, d), (n,) in self.changed()
        ]


def _move(connection: Connection, days: Counts, organisations: Counts) -> None:
    """Add the differences to the day counts (a row made where there was none)."""
    upsert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    for model, rows, sums in (
        (MemberDayCount, days.day_rows(), ["delta", "firsts", "stayed"]),
        (OrganisationDayCount, organisations.organisation_rows(), ["delta"]),
    ):
        if not rows:
            continue
        table = model.__table__  # type: ignore[union-attr]
        statement = upsert(table)
        statement = statement.on_conflict_do_update(
            index_elements=list(table.primary_key.columns),
            set_={name: table.c[name] + statement.excluded[name] for name in sums},
        )
        connection.execute(statement, rows)


def _insert(connection: Connection, model: Any, rows: Iterable[dict[str, Any]]) -> None:
    insert_rows(connection, model.__table__, list(rows))


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
        category, organisation_id = held[0].category, held[0].organisation_id
        for (committee_id, network), held_there in by_unit.items():
            merged = _merged(held_there)
            anniversary = merged[0][0] + YEAR
            stayed = any(s <= anniversary and (e is None or e >= anniversary) for s, e in merged)
            for n, (start_on, end_on) in enumerate(merged):
                yield {
                    "person_id": person_id,
                    "committee_id": committee_id,
                    "network": network,
                    "start_on": start_on,
                    "end_on": end_on,
                    "is_first": n == 0,
                    "stayed": stayed,
                    "category": category,
                    "organisation_id": organisation_id,
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
