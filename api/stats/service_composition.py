"""Bodies' composition across the network: every body with a target in the committees
counted whose members the caller reads, against its targets on a day (people are counted:
committee admins count their own committees, network admins every one)."""

from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.bodies import service as bodies
from api.memberships import service_composition as composition
from api.stats.scopes import Counted, readable


def composition_figures(
    session: Session, *, subject: Subject, counted: Counted, on: date, below_target_only: bool
) -> dict[str, Any]:
    """`CompositionFigures`."""
    targeted = bodies.targeted_bodies(
        session,
        committee_ids=counted.committee_ids(subject),
        readable=readable(subject, Permission.members_read),
    )
    found = composition.compositions(session, of=targeted, on=on)
    below = [body for body in found if body["below_target"]]
    return {
        "as_of": on,
        "scope": counted.scope,
        "bodies_with_targets": len(found),
        "bodies_below_target": len(below),
        "items": below if below_target_only else found,
    }
