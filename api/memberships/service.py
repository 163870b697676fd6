"""Memberships. What other domains use is at the top."""

import uuid
from collections.abc import Collection
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.core.problems import NotFound
from api.core.queries import exists
from api.memberships.models import Membership
from api.memberships.schemas import MembershipStatus


def people_in_committees(committee_ids: Collection[uuid.UUID]) -> SelectOfScalar[uuid.UUID]:
    """Ids of people who hold or held a membership in one of these committees (a subquery)."""
    return (
        select(Membership.person_id)
        .where(col(Membership.committee_id).in_(committee_ids))
        .distinct()
    )


def in_force_on(day: date | BindParameter[date]) -> ColumnElement[bool]:
    """SQL condition: the term covers `day` (first and last days included)."""
    return (col(Membership.start_on) <= day) & or_(
        col(Membership.end_on).is_(None), col(Membership.end_on) >= day
    )


class TermColumns(NamedTuple):
    """What other domains read of a term, in their own queries (SCIM's Users and Groups)."""

    id: Any
    person_id: Any
    committee_id: Any
    body_id: Any
    role: Any
    start_on: Any
    end_on: Any
    sort_key: Any


TERM = TermColumns(*(col(getattr(Membership, name)) for name in TermColumns._fields))


def goes_on_after(day: date | ColumnElement[date]) -> ColumnElement[bool]:
    """SQL condition: the term has no end, or ends after `day`."""
    return or_(col(Membership.end_on).is_(None), col(Membership.end_on) > day)


def terms_going_on(
    session: Session,
    *,
    after: date,
    person_ids: Collection[uuid.UUID] | None = None,
    committee_ids: Collection[uuid.UUID] | None = None,
    body_id: uuid.UUID | None = None,
) -> list[Membership]:
    """The terms going on after `after`, of these people, committees and body (None: any),
    first started first."""
    stmt = select(Membership).where(goes_on_after(after))
    if person_ids is not None:
        stmt = stmt.where(col(Membership.person_id).in_(sorted(person_ids)))
    if committee_ids is not None:
        stmt = stmt.where(col(Membership.committee_id).in_(sorted(committee_ids)))
    if body_id is not None:
        stmt = stmt.where(col(Membership.body_id) == body_id)
    stmt = stmt.order_by(col(Membership.start_on), col(Membership.id))
    return list(session.exec(stmt).all())


def current_members(committee_id: uuid.UUID, day: date) -> SelectOfScalar[uuid.UUID]:
    """Ids of people with a term in the committee covering `day` (a subquery)."""
    return select(Membership.person_id).where(
        Membership.committee_id == committee_id, in_force_on(day)
    )


def is_current_member(
    session: Session, *, person_id: uuid.UUID, committee_id: uuid.UUID, day: date
) -> bool:
    """Whether the person holds a term in the committee covering `day`."""
    found = select(Membership.id).where(
        Membership.person_id == person_id,
        Membership.committee_id == committee_id,
        in_force_on(day),
    )
    return exists(session, found)


def has_membership(session: Session, *, person_id: uuid.UUID, committee_id: uuid.UUID) -> bool:
    """Whether the person holds or held any membership in the committee."""
    found = select(Membership.id).where(
        Membership.person_id == person_id, Membership.committee_id == committee_id
    )
    return exists(session, found)


def members_among(
    session: Session,
    *,
    committee_id: uuid.UUID,
    person_ids: Collection[uuid.UUID],
    day: date | None = None,
) -> set[uuid.UUID]:
    """Those of `person_ids` who hold a term in the committee covering `day`, or who hold or
    held any term in it when no day is given: one query."""
    if not person_ids:
        return set()
    found = select(Membership.person_id).where(
        Membership.committee_id == committee_id, col(Membership.person_id).in_(person_ids)
    )
    if day is not None:
        found = found.where(in_force_on(day))
    return set(session.exec(found.distinct()).all())


class MembershipNotFound(NotFound):
    default_detail = "No membership with this id."


def find_membership(session: Session, *, membership_id: uuid.UUID) -> Membership | None:
    return session.get(Membership, membership_id)


def status_on(day: date, start_on: date, end_on: date | None) -> MembershipStatus:
    """A term is current from its first day to its last day, both included."""
    if start_on > day:
        return MembershipStatus.upcoming
    if end_on is not None and end_on < day:
        return MembershipStatus.ended
    return MembershipStatus.current


# The columns a membership is shown with; the person summary is selected beside them.
MEMBERSHIP_COLUMNS: list[Any] = [
    col(Membership.id),
    col(Membership.committee_id),
    col(Membership.person_id),
    col(Membership.body_id),
    col(Membership.role),
    col(Membership.start_on),
    col(Membership.end_on),
    col(Membership.card_number),
    col(Membership.renewal_of_id),
    col(Membership.external_id),
    col(Membership.source),
    col(Membership.created_at),
    col(Membership.updated_at),
    col(Membership.sort_key),
]
