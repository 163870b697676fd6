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
from api.people.service import PERSON, join_person

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
    people = distinct(col(Membership.person_id))
    rows = session.exec(
        join_person(
            select(PERSON.category, func.count(people)).select_from(Membership),
            col(Membership.person_id),
        )
        .where(*counted, in_force_on(on))
        .group_by(PERSON.category)
    ).all()
    by_category = dict.fromkeys(PersonCategory, 0) | dict(rows)
    organisations = session.exec(
        join_person(
            select(func.count(distinct(PERSON.organisation_id))).select_from(Membership),
            col(Membership.person_id),
        ).where(*counted, in_force_on(on))
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
    `on`, how many held a term (there) a year after it began."""
    terms = (
        select(col(Membership.person_id), col(Membership.start_on), col(Membership.end_on))
        .where(*counted)
        .subquery("terms")
    )
    firsts = (
        select(terms.c.person_id, func.min(terms.c.start_on).label("first"))
        .group_by(terms.c.person_id)
        .subquery("firsts")
    )
    later = terms.alias("later")
    a_year_on = and_(
        later.c.person_id == firsts.c.person_id,
        days_between(later.c.start_on, firsts.c.first) <= YEAR,
        or_(later.c.end_on.is_(None), days_between(later.c.end_on, firsts.c.first) >= YEAR),
    )
    stayed = case((exists().where(a_year_on), 1), else_=0)
    cohort, kept = session.execute(
        core_select(func.count(), func.coalesce(func.sum(stayed), 0)).where(
            days_between(literal(on, Date), firsts.c.first) >= YEAR
        )
    ).one()
    return {"cohort": cohort, "stayed": kept, "rate": _share(kept, cohort)}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
