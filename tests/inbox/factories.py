"""What the inbox shows that no other domain's factory builds: a contribution's update."""

from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.contributions.models import ContributionTransition
from tests.contributions.factories import insert_contribution, make_transition


def make_update(
    session: Session, *, committee: Committee, to_status: str = "acknowledged", **kw: Any
) -> ContributionTransition:
    """A contribution of `committee` that HCTS moved to `to_status`."""
    contribution = insert_contribution(session, committee=committee)
    return make_transition(session, contribution=contribution, to_status=to_status, **kw)
