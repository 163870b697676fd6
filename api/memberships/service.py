"""Memberships. What other domains use is at the top."""

import uuid
from collections.abc import Collection

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.memberships.models import Membership


def people_in_committees(committee_ids: Collection[uuid.UUID]) -> SelectOfScalar[uuid.UUID]:
    """Ids of people who hold or held a membership in one of these committees (a subquery)."""
    return (
        select(Membership.person_id)
        .where(col(Membership.committee_id).in_(committee_ids))
        .distinct()
    )


def has_membership(session: Session, *, person_id: uuid.UUID, committee_id: uuid.UUID) -> bool:
    """Whether the person holds or held any membership in the committee."""
    found = select(Membership.id).where(
        Membership.person_id == person_id, Membership.committee_id == committee_id
    )
    return session.exec(found.limit(1)).first() is not None
