"""Bodies' composition: the people with a term in a body on a day, by category, against the
targets the committee set for it (api.bodies keeps them). People are counted once however
many terms they hold; the counting is one grouped statement for any number of bodies."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import distinct, func
from sqlmodel import Session, col, select

from api.bodies import service as bodies
from api.bodies.schemas import CompositionTargetIn
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.people.schemas import PersonCategory
from api.people.service import PERSON, join_person


def composition(
    session: Session, *, committee_id: uuid.UUID, body_id: uuid.UUID, on: date
) -> dict[str, Any]:
    """`BodyComposition` of one of the committee's bodies (404 for any other body)."""
    body = bodies.body_of_committee(session, committee_id=committee_id, body_id=body_id)
    (found,) = compositions(session, of=[{"body_id": body.id, "committee_id": committee_id}], on=on)
    return found


def set_targets(
    session: Session,
    *,
    committee_id: uuid.UUID,
    body_id: uuid.UUID,
    targets: Sequence[CompositionTargetIn],
    on: date,
) -> dict[str, Any]:
    """Replace the targets of one of the committee's bodies; its composition on `on`."""
    body = bodies.body_of_committee(session, committee_id=committee_id, body_id=body_id)
    bodies.replace_targets(session, body=body, targets=targets)
    (found,) = compositions(session, of=[{"body_id": body.id, "committee_id": committee_id}], on=on)
    return found


def compositions(session: Session, *, of: list[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    """Each body of `of` (dicts with at least its `body_id`), its composition fields added."""
    ids = [body["body_id"] for body in of]
    if not ids:
        return []
    counts = _members_by_category(session, ids, on)
    targets = bodies.targets_of(session, body_ids=ids)
    return [
        body | {"as_of": on} | _against(counts.get(body["body_id"], {}), targets[body["body_id"]])
        for body in of
    ]


def _members_by_category(
    session: Session, body_ids: list[uuid.UUID], on: date
) -> dict[uuid.UUID | None, dict[str, int]]:
    people = func.count(distinct(col(Membership.person_id)))
    rows = session.exec(
        join_person(
            select(col(Membership.body_id), PERSON.category, people).select_from(Membership),
            col(Membership.person_id),
        )
        .where(col(Membership.body_id).in_(body_ids), in_force_on(on))
        .group_by(col(Membership.body_id), PERSON.category)
    ).all()
    found: dict[uuid.UUID | None, dict[str, int]] = {}
    for body_id, category, count in rows:
        found.setdefault(body_id, {})[category] = count
    return found


def _against(counts: dict[str, int], targets: dict[str, Decimal]) -> dict[str, Any]:
    """Shares and flags, exact: a share is below its target when count < target × members
    (no float rounding decides whether 3 of 9 reach 0.3333)."""
    # A person has one category: the categories' counts add up to the body's people.
    members = sum(counts.values())
    by_category = []
    for category in PersonCategory:
        count = counts.get(category, 0)
        target = targets.get(category)
        below = target is not None and (members == 0 or count < target * members)
        by_category.append(
            {
                "category": category,
                "members": count,
                "share": count / members if members else None,
                "target": float(target) if target is not None else None,
                "below_target": below,
            }
        )
    return {
        "members": members,
        "by_category": by_category,
        "below_target": any(c["below_target"] for c in by_category),
    }
