"""Every write of the participation domains (people, memberships, bodies, meetings and what
they hold) records its event in the outbox, in its own transaction.

Driven by the permission matrix: each write row of those domains is performed as
network_admin, and must write the events `WRITES` names for it. A write route added without
an entry here fails `test_every_write_has_its_events`; one whose service forgets `emit` fails
`test_a_write_records_its_events`."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.core import etags
from api.main import app
from tests.factories import auth
from tests.outbox import events_after, last_event_id
from tests.permissions import (
    rows_bodies,
    rows_claims,
    rows_imports,
    rows_meetings,
    rows_memberships,
    rows_people,
    rows_votes,
)
from tests.permissions.world import Row, build_world

PARTICIPATION = (
    rows_people, rows_memberships, rows_imports, rows_bodies, rows_meetings, rows_votes,
    rows_claims,
)  # fmt: skip
WRITE_ROWS = [
    row
    for module in PARTICIPATION
    for row in module.ROWS
    if row.method != "GET" and row.field is None
]

# (method, path) -> the events the matrix's request writes, each once.
WRITES: dict[tuple[str, str], list[str]] = {
    ("POST", "/api/v1/people"): ["person.created"],
    ("PATCH", "/api/v1/people/{person_id}"): ["person.updated"],
    ("PUT", "/api/v1/people/by-external-id/{source}/{external_id}"): ["person.updated"],
    # The matrix enrols a new person: the person, then their term.
    ("POST", "/api/v1/committees/{committee_id}/members"): [
        "person.created",
        "membership.created",
    ],
    # The matrix imports one new member: the person, then their term.
    ("POST", "/api/v1/committees/{committee_id}/members/import"): [
        "person.created",
        "membership.created",
    ],
    ("PATCH", "/api/v1/memberships/{membership_id}"): ["membership.updated"],
    ("POST", "/api/v1/memberships/{membership_id}/end"): ["membership.ended"],
    ("POST", "/api/v1/memberships/{membership_id}/renew"): ["membership.renewed"],
    ("POST", "/api/v1/committees/{committee_id}/bodies"): ["body.created"],
    ("PATCH", "/api/v1/bodies/{body_id}"): ["body.updated"],
    ("DELETE", "/api/v1/bodies/{body_id}"): ["body.deleted"],
    ("PUT", "/api/v1/committees/{committee_id}/bodies/{body_id}/composition/targets"): [
        "body.targets.replaced"
    ],
    ("POST", "/api/v1/committees/{committee_id}/meetings"): ["meeting.created"],
    ("PATCH", "/api/v1/meetings/{meeting_id}"): ["meeting.updated"],
    ("DELETE", "/api/v1/meetings/{meeting_id}"): ["meeting.deleted"],
    ("POST", "/api/v1/meetings/{meeting_id}/decisions"): ["meeting.decision.added"],
    ("DELETE", "/api/v1/meetings/{meeting_id}/decisions/{decision_id}"): [
        "meeting.decision.deleted"
    ],
    ("PUT", "/api/v1/meetings/{meeting_id}/attendance"): ["meeting.attendance.recorded"],
    ("DELETE", "/api/v1/meetings/{meeting_id}/attendance/{person_id}"): [
        "meeting.attendance.removed"
    ],
    ("PUT", "/api/v1/meetings/{meeting_id}/headcount"): ["meeting.headcount.recorded"],
    ("DELETE", "/api/v1/meetings/{meeting_id}/headcount"): ["meeting.headcount.deleted"],
    ("POST", "/api/v1/meetings/{meeting_id}/votes"): ["meeting.motion.created"],
    ("POST", "/api/v1/meetings/{meeting_id}/votes/{motion_id}/close"): ["meeting.motion.closed"],
    ("POST", "/api/v1/meetings/{meeting_id}/votes/{motion_id}/ballots"): ["meeting.ballot.cast"],
    ("POST", "/api/v1/meetings/{meeting_id}/claims"): ["meeting.claim.submitted"],
    ("POST", "/api/v1/claims/{claim_id}/transitions"): ["meeting.claim.approved"],
}

IF_MATCH_REQUIRED = {
    (method.upper(), path)
    for path, operations in app.openapi()["paths"].items()
    for method, operation in operations.items()
    if any(p["name"] == "If-Match" and p.get("required") for p in operation.get("parameters", ()))
}
PERSONAL = ("first_name", "last_name", "email", "phone", "category", "amount", "choice")


def test_every_write_has_its_events() -> None:
    assert {(r.method, r.path) for r in WRITE_ROWS} == set(WRITES)


@pytest.mark.parametrize("row", WRITE_ROWS, ids=lambda r: r.label)
def test_a_write_records_its_events(client: TestClient, session: Session, row: Row) -> None:
    world = build_world(session)
    # The row's objects first (factories write no events), then the request alone.
    params = world.params() | dict(row.extra) | dict(row.params(world) if row.params else {})
    json = row.json(world) if row.json is not None else None
    before = last_event_id(session)
    headers = auth(world.users["network_admin"])
    if (row.method, row.path) in IF_MATCH_REQUIRED:
        headers["If-Match"] = etags.ANY
    response = client.request(row.method, row.path.format(**params), headers=headers, json=json)

    assert response.status_code < 300, response.text
    events = events_after(session, before)
    # A bulk write (attendance) records one event per line it changed.
    assert {e.type for e in events} == set(WRITES[(row.method, row.path)]), events
    for event in events:
        assert event.xact_id is not None
        assert not set(PERSONAL) & set(event.payload), event.payload
        if event.type.startswith("person."):
            assert event.committee_id is None
            assert str(event.person_id) == event.payload["person_id"]
        else:
            assert event.committee_id is not None
