"""Matrix rows: motions and ballots at a meeting of the own, private committee.

A ballot's body names a voter the path's scene prepared; both come from one scene per world.
member_own casts it for someone else, hence a 403 (casting their own is tested in
tests/meetings/test_votes.py)."""

from dataclasses import dataclass

from api.meetings.models import Attendance, Motion
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member
from tests.permissions.world import Row, World, committee_scoped


@dataclass(frozen=True)
class _Scene:
    meeting_id: str
    motion_id: str
    voter_id: str


def _scene(w: World) -> _Scene:
    """An agora of the own committee, an open motion and a member marked present."""
    cached = w.__dict__.get("_votes_scene")
    if isinstance(cached, _Scene):
        return cached
    meeting = make_meeting(w.session, committee=w.own, kind="agora")
    voter = make_member(w.session, committee=w.own)
    w.session.add(
        Attendance(
            meeting_id=meeting.id, person_id=voter.id, status="present", category=voter.category
        )
    )
    motion = Motion(meeting_id=meeting.id, title="Nouvelle gouvernance")
    w.session.add(motion)
    w.session.flush()
    scene = _Scene(str(meeting.id), str(motion.id), str(voter.id))
    w.__dict__["_votes_scene"] = scene
    return scene


def _meeting(w: World) -> dict[str, str]:
    return {"meeting_id": _scene(w).meeting_id}


def _motion(w: World) -> dict[str, str]:
    scene = _scene(w)
    return {"meeting_id": scene.meeting_id, "motion_id": scene.motion_id}


V = "/api/v1/meetings/{meeting_id}/votes"
READERS = committee_scoped(200, admin=True, member=True)

ROWS: list[Row] = [
    Row("GET", V, READERS, params=_meeting),
    Row(
        "POST",
        V,
        committee_scoped(201, admin=True, member=False),
        params=_meeting,
        json=lambda w: {"title": "Adoption de la charte"},
    ),
    Row("GET", V + "/{motion_id}", READERS, params=_motion),
    Row(
        "POST",
        V + "/{motion_id}/close",
        committee_scoped(200, admin=True, member=False),
        params=_motion,
    ),
    Row(
        "POST",
        V + "/{motion_id}/ballots",
        committee_scoped(201, admin=True, member=False),
        params=_motion,
        json=lambda w: {"person_id": _scene(w).voter_id, "choice": "for"},
    ),
    # Who voted what is personal data: the committee's admins only.
    Row(
        "GET",
        V + "/{motion_id}/ballots",
        committee_scoped(200, admin=True, member=False),
        params=_motion,
    ),
]
