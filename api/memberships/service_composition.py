"""Bodies' composition: the people with a term in a body on a day, by category, against the
targets the committee set for it (api.bodies keeps them). People are counted once however
many terms they hold; the counting is one grouped statement for any number of bodies."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BindParameter, bindparam, case, distinct, func, true
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.bodies import service as bodies
from api.bodies.schemas import CompositionTargetIn
from api.committees.service import COMMITTEE, CommitteeNotFound
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.people.schemas import PersonCategory
from api.people.service import PERSON, join_person

_BODY_ID: BindParameter[Any] = bindparam("body_id")
# The body's people on `on` by category, each once: one row, a column per category.
_PEOPLE = (
    join_person(
        core_select(
            *(
                func.count(
                    distinct(case((PERSON.category == c.value, col(Membership.person_id))))
                ).label(c.value)
                for c in PersonCategory
            )
        ).select_from(Membership),
        col(Membership.person_id),
    )
    .where(col(Membership.body_id) == _BODY_ID, in_force_on(bindparam("on")))
    .subquery()
)
_TARGETS = bodies.targets_row(_BODY_ID)
# A GET's one statement, built once: the committee (no row: its 404), the body if it is the
# committee's (null: the body's 404), its people by category and its targets (a row each,
# joined whole).
_ONE = (
    core_select(
        COMMITTEE.id.label("committee_id"),
        bodies.BODY.id.label("body_id"),
        *(column.label(f"people_{column.name}") for column in _PEOPLE.c),
        *(column.label(f"target_{column.name}") for column in _TARGETS.c),
    )
    .select_from(COMMITTEE.id.table)
    .outerjoin(
        bodies.BODY.id.table,
        (bodies.BODY.id == _BODY_ID) & (bodies.BODY.committee_id == COMMITTEE.id),
    )
    .join(_PEOPLE, true())
    .join(_TARGETS, true())
    .where(COMMITTEE.id == bindparam("committee_id"))
)


def composition(
    session: Session, *, committee_id: uuid.UUID, body_id: uuid.UUID, on: date
) -> dict[str, Any]:
    """`BodyComposition` of one of the committee's bodies (404 for any other body, or
    without the committee), in one statement."""
    params = {"committee_id": committee_id, "body_id": body_id, "on": on}
    # Plain columns: the Core connection skips the ORM's compile and load layers.
    row = session.connection().execute(_ONE, params).first()
    if row is None:
        raise CommitteeNotFound()
    if row.body_id is None:
        raise bodies.BodyNotFound()
    found = row._mapping
    counts: dict[str, int] = {c: found[f"people_{c}"] for c in PersonCategory}
    targets = ((c, found[f"target_{c}"]) for c in PersonCategory)
    kept: dict[str, Decimal] = {c: target for c, target in targets if target is not None}
    body = {"body_id": body_id, "committee_id": committee_id, "as_of": on}
    return body | _against(counts, kept)


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
