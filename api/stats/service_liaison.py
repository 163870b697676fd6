"""HCTS liaison's figures: contributions and HCTS's response times, candidatures, relays of
publications, seminar attendance; each domain counts its own, over the committees counted.
Callers who read no committee's candidatures or registrations get the network's candidatures
under statistical secrecy (api.stats.secrecy), and no seminar attendance: it is by committee."""

from typing import Any

from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.contributions import service_figures as contributions
from api.core.clock import today
from api.hcts import service_figures as hcts
from api.hcts.schemas_calls import CandidatureStatus
from api.seminars import service_figures as seminars
from api.stats.scopes import Counted, readable
from api.stats.secrecy import Secrecy, cells, public_view

SECRECY = Secrecy(people=cells("candidatures", CandidatureStatus))


def liaison_figures(
    session: Session, *, subject: Subject | None, counted: Counted
) -> dict[str, Any]:
    """`LiaisonFigures`, today."""
    people = (Permission.candidatures_read, Permission.registrations_read)
    public = public_view(subject, counted, *people)
    # The public view is the same for every caller who gets it (anonymous or not), so that no
    # two of its answers differ by a few people.
    viewer = None if public else subject
    ids = counted.committee_ids(viewer)
    active = counted.committee_ids(viewer, active_only=True)
    figures = {
        "as_of": today(),
        "scope": counted.scope,
        "contributions": contributions.figures(session, subject=viewer, committee_ids=ids),
        "candidatures": hcts.candidatures(
            session, committee_ids=ids,
            readable=None if public else readable(subject, Permission.candidatures_read),
        ),
        "relays": hcts.relays(session, committee_ids=ids, active_ids=active),
        "seminar_attendance": [] if public else seminars.attendance(
            session, committee_ids=ids,
            readable=readable(subject, Permission.registrations_read),
        ),
    }  # fmt: skip
    return SECRECY.apply(figures) if public else figures | {"suppressed": []}
