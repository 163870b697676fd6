"""Writing memberships: enrol, correct, end, renew. A renewal adds a term, never rewrites one."""

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.bodies.service import find_body
from api.core import etags
from api.core.clock import today
from api.core.problems import Conflict, InvalidInput
from api.core.queries import exists
from api.core.schemas import MAX_DATE
from api.core.writes import patch_changes, save, store
from api.memberships.models import Membership
from api.memberships.people_links import new_term
from api.memberships.schemas import (
    MembershipCreate,
    MembershipRenewal,
    MembershipUpdate,
    TermYears,
)
from api.outbox.service import emit
from api.people.models import Person
from api.people.service import create_person, find_person


class CardNumberTaken(Conflict):
    default_detail = "Another person holds this card number in this committee."


class MembershipExternalIdTaken(Conflict):
    default_detail = "A membership with this external_id already exists for this source."


class AlreadyEnded(Conflict):
    def __init__(self, end_on: date) -> None:
        super().__init__(
            f"This membership already ends on {end_on.isoformat()}; to extend it, renew it "
            "(or correct end_on with PATCH)."
        )


class NothingToRenew(Conflict):
    default_detail = "This membership has no end date: there is no term to renew."


class AlreadyRenewed(Conflict):
    default_detail = "A later term of this membership already exists; renew that one."


class OverlapsRenewal(Conflict):
    def __init__(self, start_on: date) -> None:
        super().__init__(
            f"The term renewing this one starts on {start_on.isoformat()}; "
            "this one must end before that day."
        )


def term_end(start_on: date, years: int) -> date:
    """The last day of a term of `years` years: the day before the anniversary.

    A term started on 29 February has its anniversary on 1 March in a common year, so it
    ends on 28 February."""
    year = start_on.year + years
    # A derived end keeps to the dates an input may carry (and far from `date.max`).
    if year <= MAX_DATE.year + 1:
        try:
            anniversary = start_on.replace(year=year)
        except ValueError:  # 29 February, common year
            anniversary = date(year, 3, 1)
        if (end_on := anniversary - timedelta(days=1)) <= MAX_DATE:
            return end_on
    raise InvalidInput(f"The term would end after {MAX_DATE.isoformat()}.", field="term_years")


def create_membership(
    session: Session, *, committee_id: uuid.UUID, data: MembershipCreate, subject: Subject
) -> Membership:
    start_on = data.start_on or today()
    end_on = _end_of(start_on, data.end_on, data.term_years)
    if data.body_id is not None:
        _check_body(session, committee_id=committee_id, body_id=data.body_id)
    if data.external_id is not None:
        _check_external_id(session, source=data.source, external_id=data.external_id)
    if data.person is not None:
        person = create_person(session, data=data.person)
    else:
        assert data.person_id is not None  # the schema wants exactly one
        person = _enrollable_person(session, person_id=data.person_id, subject=subject)
    if data.card_number is not None:
        _check_card_number(
            session, committee_id=committee_id, person_id=person.id, card_number=data.card_number
        )
    membership = new_term(
        person,
        committee_id=committee_id,
        body_id=data.body_id,
        role=data.role.value,
        start_on=start_on,
        end_on=end_on,
        card_number=data.card_number,
        external_id=data.external_id,
        source=data.source,
    )
    store(session, membership)
    _emit(session, "membership.created", membership)
    return membership


def _emit(session: Session, type: str, membership: Membership, **payload: Any) -> None:
    payload = term_payload(membership, **payload)
    emit(session, type, committee_id=membership.committee_id, payload=payload)


def term_payload(term: Any, **payload: Any) -> dict[str, Any]:
    """Ids and states: the term's dates and role, never who the person is beyond their id.
    `term`: a Membership, or anything with its fields (a term about to be inserted)."""
    return {
        "membership_id": term.id,
        "person_id": term.person_id,
        "body_id": term.body_id,
        "role": term.role,
        "start_on": term.start_on,
        "end_on": term.end_on,
        **payload,
    }


def update_membership(
    session: Session, *, membership: Membership, data: MembershipUpdate, if_match: str | None
) -> Membership:
    changes = patch_changes(data)
    if changes.get("body_id") is not None:
        _check_body(session, committee_id=membership.committee_id, body_id=changes["body_id"])
    if "end_on" in changes:
        _check_end(session, membership=membership, end_on=changes["end_on"])
    etags.require_match(if_match, membership.version)
    if changes.get("card_number") is not None:
        _check_card_number(
            session,
            committee_id=membership.committee_id,
            person_id=membership.person_id,
            card_number=changes["card_number"],
        )
    if "role" in changes:
        membership.role = changes["role"].value
    for field in ("body_id", "card_number", "end_on"):
        if field in changes:
            setattr(membership, field, changes[field])
    save(session, membership)
    _emit(session, "membership.updated", membership, fields=sorted(changes))
    return membership


def end_membership(
    session: Session, *, membership: Membership, end_on: date, if_match: str | None
) -> Membership:
    """End a term early; the row stays, so `as_of` questions still see it."""
    if end_on < membership.start_on:
        raise InvalidInput(
            f"A membership cannot end before it starts ({membership.start_on.isoformat()}).",
            field="end_on",
        )
    etags.check_match(if_match, membership.version)
    if membership.end_on is not None and membership.end_on <= end_on:
        raise AlreadyEnded(membership.end_on)
    membership.end_on = end_on
    save(session, membership)
    _emit(session, "membership.ended", membership)
    return membership


def renew_membership(
    session: Session, *, membership: Membership, data: MembershipRenewal
) -> Membership:
    """A new term after `membership`, pointing back at it; `membership` itself is untouched."""
    if membership.end_on is None:
        raise NothingToRenew()
    if exists(session, select(Membership.id).where(_later_terms(membership))):
        raise AlreadyRenewed()
    if data.start_on is not None:
        start_on = data.start_on
        if start_on <= membership.end_on:
            raise InvalidInput(
                f"A renewal starts after the term it renews ends "
                f"({membership.end_on.isoformat()}).",
                field="start_on",
            )
    elif membership.end_on == date.max:
        raise InvalidInput("The term renewed never ends.", field="start_on")
    else:
        start_on = membership.end_on + timedelta(days=1)
    end_on = _end_of(start_on, data.end_on, data.term_years)
    person = find_person(session, person_id=membership.person_id)
    assert person is not None  # its foreign key refuses deleting a person with terms
    renewal = new_term(
        person,
        committee_id=membership.committee_id,
        body_id=membership.body_id,
        role=data.role.value if data.role is not None else membership.role,
        start_on=start_on,
        end_on=end_on,
        card_number=membership.card_number,
        # The source's record is the membership, not one term: a sync finds it again.
        external_id=membership.external_id,
        source=membership.source,
        renewal_of_id=membership.id,
    )
    store(session, renewal)
    _emit(session, "membership.renewed", renewal, renewal_of_id=membership.id)
    return renewal


def _end_of(start_on: date, end_on: date | None, term_years: TermYears | None) -> date | None:
    if term_years is not None:
        return term_end(start_on, term_years)
    if end_on is not None and end_on < start_on:
        raise InvalidInput(f"end_on is before start_on ({start_on.isoformat()}).", field="end_on")
    return end_on


def _later_terms(membership: Membership) -> ColumnElement[bool]:
    """Terms that renew `membership`, or start after it for the same person, committee, body."""
    same_body = (
        col(Membership.body_id).is_(None)
        if membership.body_id is None
        else col(Membership.body_id) == membership.body_id
    )
    return or_(
        col(Membership.renewal_of_id) == membership.id,
        and_(
            col(Membership.person_id) == membership.person_id,
            col(Membership.committee_id) == membership.committee_id,
            same_body,
            col(Membership.start_on) > membership.start_on,
        ),
    )


def _check_end(session: Session, *, membership: Membership, end_on: date | None) -> None:
    if end_on is not None and end_on < membership.start_on:
        raise InvalidInput(
            f"end_on is before start_on ({membership.start_on.isoformat()}).", field="end_on"
        )
    renewal_start = session.exec(
        select(col(Membership.start_on)).where(Membership.renewal_of_id == membership.id)
    ).first()
    if renewal_start is not None and (end_on is None or end_on >= renewal_start):
        raise OverlapsRenewal(renewal_start)


def _check_body(session: Session, *, committee_id: uuid.UUID, body_id: uuid.UUID) -> None:
    body = find_body(session, body_id=body_id)
    if body is None or body.committee_id != committee_id:
        raise InvalidInput("No body with this id in this committee.", field="body_id")


def _check_card_number(
    session: Session, *, committee_id: uuid.UUID, person_id: uuid.UUID, card_number: str
) -> None:
    """A card number names one person in a committee, for good: terms of the same person may
    keep it, nobody else may ever take it."""
    holder = session.exec(
        select(Membership.id)
        .where(
            Membership.committee_id == committee_id,
            Membership.card_number == card_number,
            Membership.person_id != person_id,
        )
        .limit(1)
    ).first()
    if holder is not None:
        raise CardNumberTaken()


def _check_external_id(session: Session, *, source: str | None, external_id: str) -> None:
    clash = select(Membership.id).where(
        Membership.source == source, Membership.external_id == external_id
    )
    if exists(session, clash):
        raise MembershipExternalIdTaken()


def _enrollable_person(session: Session, *, person_id: uuid.UUID, subject: Subject) -> Person:
    """The person, if the caller may enrol them: enrolling shows the person's summary, so a
    committee admin may enrol only people of their own committees or people in no committee
    yet (just created). Anyone else answers as if unknown."""
    person = find_person(session, person_id=person_id)
    if person is not None and not subject.is_network_admin:
        theirs = set(
            session.exec(
                select(Membership.committee_id).where(Membership.person_id == person_id).distinct()
            ).all()
        )
        if theirs and not theirs & subject.committees_where(Permission.people_read):
            person = None
    if person is None:
        raise InvalidInput("No person with this id.", field="person_id")
    return person
