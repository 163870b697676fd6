"""Members' figures for api.stats: people in a term on a day by category, the organisations
they come from, and how many stayed a year after their first term began. People are counted
once however many terms they hold."""

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    distinct,
    func,
    literal,
    or_,
    union_all,
)
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.bodies import service as bodies
from api.core.figures import days_between, within
from api.core.queries import among
from api.memberships.models import MemberDayCount, Membership, OrganisationDayCount
from api.memberships.service import in_force_on
from api.memberships.spans import YEAR, unit_of
from api.people.schemas import PersonCategory
from api.people.service import PERSON, join_person


@dataclass(frozen=True)
class DayCounts:
    """The members' day counts (api.memberships.spans) that count the same people as the terms
    of the committees counted: the `network` unit of those committees when they are all of a
    scope's (its public ones), else each committee's own, which is right where the caller
    counts one committee at most (`network` None)."""

    network: str | None = None

    def units(
        self, session: Session, committee_ids: Select[Any], readable: Collection[uuid.UUID] | None
    ) -> list[str]:
        if self.network is not None:
            return [self.network]
        ids = session.execute(committee_ids).scalars()
        return [unit_of(i, None) for i in ids if readable is None or i in readable]


def figures(
    session: Session,
    *,
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    on: date,
    day_counts: DayCounts | None = None,
) -> dict[str, Any]:
    """`readable`: the committees whose members the caller reads (None: every one);
    `day_counts`, when the members' day counts count the same people (see `DayCounts`)."""
    rows = (
        _from_counts(session, day_counts.units(session, committee_ids, readable), on)
        if day_counts is not None and body_ids is None
        else _from_terms(session, _counted(committee_ids, readable, body_ids), on)
    )
    per_category = [row for row in rows if row[0] is not None]
    by_category = dict.fromkeys(PersonCategory, 0) | {c: int(n) for c, n, *_ in per_category}
    cohort = sum(int(row[2]) for row in per_category)
    stayed = sum(int(row[3]) for row in per_category)
    organisations = next(row[4] for row in rows if row[0] is None)
    total = sum(by_category.values())
    return {
        "total": total,
        "by_category": by_category,
        "share_person_supported": _share(by_category[PersonCategory.person_supported], total),
        "share_social_worker": _share(by_category[PersonCategory.social_worker], total),
        "organisations": organisations,
        "retention": {"cohort": cohort, "stayed": stayed, "rate": _share(stayed, cohort)},
    }


def _from_counts(session: Session, units: list[str], on: date) -> Sequence[Any]:
    """What `_from_terms` gives, from the day counts of `units`: people in a span on a day are
    the spans started by then less those ended, the cohort the first spans started a year
    before; organisations, those with members in a span."""
    counts = MemberDayCount.__table__.c  # type: ignore[attr-defined]
    organisations = OrganisationDayCount.__table__.c  # type: ignore[attr-defined]
    cohort_day = on - YEAR
    nothing = literal(None, Integer)
    represented = (
        core_select(organisations.organisation_id)
        .where(among(session, organisations.unit, units), organisations.day <= on)
        .group_by(organisations.organisation_id)
        .having(func.sum(organisations.delta) > 0)
        .subquery("represented")
    )
    return session.execute(
        union_all(
            core_select(
                counts.category, _sum_to(counts.delta, counts.day <= on),
                _sum_to(counts.firsts, counts.day <= cohort_day),
                _sum_to(counts.stayed, counts.day <= cohort_day), nothing,
            ).where(among(session, counts.unit, units)).group_by(counts.category),
            core_select(
                literal(None, String), nothing, nothing, nothing, func.count()
            ).select_from(represented),
        )
    ).all()  # fmt: skip


def _sum_to(column: Any, condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, column), else_=0)), 0)


def _from_terms(session: Session, counted: list[Any], on: date) -> Sequence[Any]:
    """Per category: people in a term on `on`, in the retention's cohort, stayed; and a row
    (category None) with the distinct organisations of those in a term."""
    people = _people(counted, on).subquery("persons")
    # By category and organisation once (a CTE), then summed by category, and the distinct
    # organisations of the members counted beside: one statement, one pass over the terms.
    pairs = (
        join_person(
            core_select(
                PERSON.category.label("category"),
                PERSON.organisation_id.label("organisation_id"),
                func.sum(people.c.current).label("current"),
                func.sum(people.c.cohort).label("cohort"),
                func.sum(people.c.cohort * people.c.stayed).label("stayed"),
            ).select_from(people),
            people.c.person_id,
        )
        .group_by(PERSON.category, PERSON.organisation_id)
        .cte("pairs")
    )
    nothing = literal(None, Integer)
    return session.execute(
        union_all(
            core_select(
                pairs.c.category, func.sum(pairs.c.current), func.sum(pairs.c.cohort),
                func.sum(pairs.c.stayed), nothing,
            ).group_by(pairs.c.category),
            core_select(
                literal(None, String), nothing, nothing, nothing,
                func.count(distinct(pairs.c.organisation_id)),
            ).where(pairs.c.current > 0),
        )
    ).all()  # fmt: skip


def members_by(
    session: Session,
    *,
    by: str,
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    on: date,
    day_counts: DayCounts | None = None,
) -> dict[str, dict[str, int]]:
    """People in a term on `on` by `committee`, `body_kind` (terms in a body) or `category`,
    then by category: a person counts once in each group they are in. By committee, or with
    `day_counts` by category, from the members' day counts."""
    stmt: Any
    key: Any
    if body_ids is None and (by == "committee" or (by == "category" and day_counts is not None)):
        # By committee, each committee's counts count its people, whoever the caller is.
        units = (DayCounts() if by == "committee" or day_counts is None else day_counts).units(
            session, committee_ids, readable
        )
        counts = MemberDayCount.__table__.c  # type: ignore[attr-defined]
        key = counts.unit if by == "committee" else counts.category
        category = counts.category
        stmt = (
            core_select(key, category, func.sum(counts.delta))
            .where(among(session, counts.unit, units), counts.day <= on)
            .having(func.sum(counts.delta) > 0)
        )
    else:
        stmt = join_person(
            select(PERSON.category).select_from(Membership), col(Membership.person_id)
        )
        if by == "committee":
            key = col(Membership.committee_id)
        elif by == "body_kind":
            stmt, key = bodies.join_body(stmt, col(Membership.body_id)), bodies.BODY_KIND
        else:
            key = PERSON.category
        category = PERSON.category
        stmt = stmt.with_only_columns(
            key, category, func.count(distinct(col(Membership.person_id)))
        ).where(*_counted(committee_ids, readable, body_ids), in_force_on(on))
    found: dict[str, dict[str, int]] = {}
    for k, c, n in session.execute(stmt.group_by(key, category)):
        found.setdefault(str(k), {})[c] = n
    return found


def _counted(
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
) -> list[Any]:
    counted = [
        col(Membership.committee_id).in_(committee_ids.scalar_subquery()),
        within(col(Membership.committee_id), readable),
    ]
    if body_ids is not None:
        counted.append(col(Membership.body_id).in_(body_ids.scalar_subquery()))
    return counted


def _people(counted: list[Any], on: date) -> Select[Any]:
    """SQL: each person with a term counted, once, with three flags (0 or 1): `current`, a term
    covers `on`; `cohort`, their first term began a year or more before `on`; `stayed`, a
    term covers the first's anniversary. One pass: each term knows its person's first day
    (a window)."""
    terms = (
        core_select(
            col(Membership.person_id),
            col(Membership.start_on),
            col(Membership.end_on),
            case((in_force_on(on), 1), else_=0).label("current"),
            func.min(col(Membership.start_on))
            .over(partition_by=col(Membership.person_id))
            .label("first"),
        )
        .where(*counted)
        .subquery("terms")
    )
    spans_anniversary = and_(
        days_between(terms.c.start_on, terms.c.first) <= YEAR.days,
        or_(terms.c.end_on.is_(None), days_between(terms.c.end_on, terms.c.first) >= YEAR.days),
    )
    in_cohort = days_between(literal(on, Date), terms.c.first) >= YEAR.days
    return core_select(
        terms.c.person_id,
        func.max(terms.c.current).label("current"),
        func.max(case((in_cohort, 1), else_=0)).label("cohort"),
        func.max(case((spans_anniversary, 1), else_=0)).label("stayed"),
    ).group_by(terms.c.person_id)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
