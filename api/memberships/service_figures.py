"""Members' figures for api.stats: people in a term on a day by category, the organisations
they come from, and how many stayed a year after their first term began. People are counted
once however many terms they hold."""

import uuid
from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, and_, case, distinct, exists, func, literal, or_
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.core.figures import days_between, within
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.people.schemas import PersonCategory
from api.people.service import PERSON

YEAR = 365


def figures(
    session: Session,
    *,
    committee_ids: Select[Any],
    readable: Collection[uuid.UUID] | None,
    body_ids: Select[Any] | None,
    on: date,
) -> dict[str, Any]:
    """`readable`: the committees whose members the caller reads (None: every one)."""
    counted = [
        col(Membership.committee_id).in_(committee_ids.scalar_subquery()),
        within(col(Membership.committee_id), readable),
    ]
    if body_ids is not None:
        counted.append(col(Membership.body_id).in_(body_ids.scalar_subquery()))
    # From the people's side, a semi-join: each counted once without a DISTINCT's sort.
    a_member = exists().where(col(Membership.person_id) == PERSON.id, *counted, in_force_on(on))
    rows = session.exec(
        select(PERSON.category, func.count()).where(a_member).group_by(PERSON.category)
    ).all()
    by_category = dict.fromkeys(PersonCategory, 0) | dict(rows)
    organisations = session.exec(
        select(func.count(distinct(PERSON.organisation_id))).where(a_member)
    ).one()
    total = sum(by_category.values())
    return {
        "total": total,
        "by_category": by_category,
        "share_person_supported": _share(by_category[PersonCategory.person_supported], total),
        "share_social_worker": _share(by_category[PersonCategory.social_worker], total),
        "organisations": organisations,
        "retention": _retention(session, counted, on),
    }


def _retention(session: Session, counted: list[Any], on: date) -> dict[str, Any]:
    """Of the people whose first term (in the committees counted) began a year or more before
    `on`, how many held a term (there) a year after it began. One pass: each term knows its
    person's first day (a window), each person whether a term spans the anniversary."""
    terms = (
        select(
            col(Membership.person_id),
            col(Membership.start_on),
            col(Membership.end_on),
            func.min(col(Membership.start_on))
            .over(partition_by=col(Membership.person_id))
            .label("first"),
        )
        .where(*counted)
        .subquery("terms")
    )
    spans_anniversary = and_(
        days_between(terms.c.start_on, terms.c.first) <= YEAR,
        or_(terms.c.end_on.is_(None), days_between(terms.c.end_on, terms.c.first) >= YEAR),
    )
    people = (
        core_select(func.max(case((spans_anniversary, 1), else_=0)).label("stayed"))
        .where(days_between(literal(on, Date), terms.c.first) >= YEAR)
        .group_by(terms.c.person_id)
        .subquery("people")
    )
    cohort, kept = session.execute(
        core_select(func.count(), func.coalesce(func.sum(people.c.stayed), 0))
    ).one()
    return {"cohort": cohort, "stayed": kept, "rate": _share(kept, cohort)}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
