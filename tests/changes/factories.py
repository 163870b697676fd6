"""Events of every kind of reader in a committee: one type per permission of the catalogue,
a person's through the services (the person's term decides who reads it)."""

from sqlmodel import Session

from api.changes.catalogue import NETWORK_TYPES, READ_BY
from api.committees.models import Committee
from api.outbox.service import emit
from tests.memberships.factories import make_membership


def events_in(session: Session, committee: Committee) -> None:
    """`person.created` and `membership.created` (a new person's term), then the first type
    of each permission on `committee`, and one of the network's."""
    make_membership(session, committee=committee)
    for permission, types in READ_BY.items():
        if types[0] != "membership.created":
            emit(session, types[0], committee_id=committee.id, payload={"of": permission.value})
    emit(session, NETWORK_TYPES[0], committee_id=None, payload={})
    session.flush()
