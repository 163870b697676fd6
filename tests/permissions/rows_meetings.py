"""Matrix rows: meetings, decisions, attendance, headcounts (all on the own, private committee)."""

from typing import Any

from api.meetings import service_decisions, service_headcount
from api.meetings.models import Attendance
from api.meetings.schemas import DecisionCreate, HeadcountPut
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member
from tests.permissions.world import Row, World, committee_scoped


def _meeting(w: World) -> dict[str, str]:
    return {"meeting_id": str(make_meeting(w.session, committee=w.own).id)}


def _decision(w: World) -> dict[str, str]:
    meeting = make_meeting(w.session, committee=w.own)
    decision = service_decisions.add_decision(
        w.session, meeting=meeting, data=DecisionCreate(text="Adopté.")
    )
    return {"meeting_id": str(meeting.id), "decision_id": str(decision.id)}


def _attendance(w: World) -> dict[str, str]:
    meeting = make_meeting(w.session, committee=w.own)
    person = make_member(w.session, committee=w.own)
    w.session.add(
        Attendance(meeting_id=meeting.id, person_id=person.id, status="present", category="other")
    )
    w.session.flush()
    return {"meeting_id": str(meeting.id), "person_id": str(person.id)}


def _headcount(w: World) -> dict[str, str]:
    meeting = make_meeting(w.session, committee=w.own)
    service_headcount.put_headcount(
        w.session, meeting=meeting, data=HeadcountPut(total=12), if_match=None
    )
    return {"meeting_id": str(meeting.id)}


def _new_meeting(_w: World) -> dict[str, Any]:
    return {"kind": "launch_day", "title": "Lancement", "starts_at": "2022-03-29T08:00:00Z"}


def _entries(w: World) -> dict[str, Any]:
    person = make_member(w.session, committee=w.own)
    return {"entries": [{"person_id": str(person.id), "status": "present"}]}


ADMINS = committee_scoped(200, admin=True, member=False)
READERS = committee_scoped(200, admin=True, member=True)
M = "/api/v1/meetings/{meeting_id}"

ROWS: list[Row] = [
    Row("GET", "/api/v1/committees/{committee_id}/meetings", READERS),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/meetings",
        committee_scoped(201, admin=True, member=False),
        json=_new_meeting,
    ),
    Row("GET", M, READERS, params=_meeting),
    Row("PATCH", M, ADMINS, params=_meeting, json=lambda w: {"place": "Privas"}),
    Row("DELETE", M, committee_scoped(204, admin=True, member=False), params=_meeting),
    Row("GET", M + "/decisions", READERS, params=_meeting),
    Row(
        "POST",
        M + "/decisions",
        committee_scoped(201, admin=True, member=False),
        params=_meeting,
        json=lambda w: {"text": "Le COPIL valide le programme."},
    ),
    Row(
        "DELETE",
        M + "/decisions/{decision_id}",
        committee_scoped(204, admin=True, member=False),
        params=_decision,
    ),
    # A member reads the attendance list, but sees only their own row (see test_attendance).
    Row("GET", M + "/attendance", READERS, params=_meeting),
    Row("PUT", M + "/attendance", ADMINS, params=_meeting, json=_entries),
    Row(
        "DELETE",
        M + "/attendance/{person_id}",
        committee_scoped(204, admin=True, member=False),
        params=_attendance,
    ),
    Row("GET", M + "/headcount", READERS, params=_headcount),
    Row("PUT", M + "/headcount", ADMINS, params=_meeting, json=lambda w: {"total": 27}),
    Row(
        "DELETE",
        M + "/headcount",
        committee_scoped(204, admin=True, member=False),
        params=_headcount,
    ),
]
