"""Matrix rows: transport expense claims at a meeting of the own, private committee.

The claimant is a *personne accompagnée* present at the meeting with no login, so member_own
is never the claimant: they may not submit for someone else (403) nor see the claim (404).
A claimant reading and submitting their own is tested in tests/meetings/test_claims.py."""

from dataclasses import dataclass

from api.meetings.models import Attendance, ExpenseClaim
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member
from tests.permissions.world import Row, World, committee_scoped


@dataclass(frozen=True)
class _Scene:
    meeting_id: str
    claimant_id: str
    claim_id: str


def _scene(w: World) -> _Scene:
    cached = w.__dict__.get("_claims_scene")
    if isinstance(cached, _Scene):
        return cached
    meeting = make_meeting(w.session, committee=w.own)
    claimant = make_member(w.session, committee=w.own, category="person_supported")
    w.session.add(
        Attendance(
            meeting_id=meeting.id, person_id=claimant.id, status="present",
            category="person_supported",
        )
    )  # fmt: skip
    claim = ExpenseClaim(
        meeting_id=meeting.id, person_id=claimant.id, amount_cents=1250, status="submitted"
    )
    w.session.add(claim)
    w.session.flush()
    scene = _Scene(str(meeting.id), str(claimant.id), str(claim.id))
    w.__dict__["_claims_scene"] = scene
    return scene


def _meeting(w: World) -> dict[str, str]:
    return {"meeting_id": _scene(w).meeting_id}


def _claim(w: World) -> dict[str, str]:
    return {"claim_id": _scene(w).claim_id}


# The claim's committee's admins and network_admin; anyone else does not see it.
CLAIM_ADMINS = {
    "anonymous": 401,
    "network_admin": 200,
    "admin_own": 200,
    "admin_foreign": 404,
    "member_own": 404,
    "member_foreign": 404,
}

ROWS: list[Row] = [
    Row(
        "POST",
        "/api/v1/meetings/{meeting_id}/claims",
        committee_scoped(201, admin=True, member=False),
        params=_meeting,
        json=lambda w: {"person_id": _scene(w).claimant_id, "amount": "12.34"},
    ),
    # A plain member gets 200 with their own claims only (none here).
    Row(
        "GET",
        "/api/v1/meetings/{meeting_id}/claims",
        committee_scoped(200, admin=True, member=True),
        params=_meeting,
    ),
    Row("GET", "/api/v1/claims/{claim_id}", CLAIM_ADMINS, params=_claim),
    Row(
        "POST",
        "/api/v1/claims/{claim_id}/transitions",
        CLAIM_ADMINS,
        params=_claim,
        json=lambda w: {"status": "approved"},
    ),
]
