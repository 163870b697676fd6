"""Load who takes part in the demo network, through the services (so their rules apply):
organisations, people, bodies, memberships, meetings with attendance, headcounts, decisions, and
the Ardèche agora's vote. The data is in participation_data.py and participation_ardeche.py.

Names and dates are drawn with a fixed seed, so every load gives the same network; only
renewals depend on the day: terms are renewed up to today, so that the demo's members are
current whenever it is loaded. Never commits: the caller's transaction does.
"""

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.bodies import service as bodies
from api.bodies.schemas import CompositionTargetIn
from api.committees.schemas import CommitteeStatus
from api.core import etags
from api.demo import network, programmes
from api.demo import participation_ardeche as ardeche
from api.demo.participation_build import DAY, LOADER, Builder, Org, active_periods, split_name
from api.demo.participation_data import PLANS, STRUCTURING, SURNAMES, Count, MeetingSpec, Plan
from api.meetings import service_attendance, service_claims, service_votes
from api.meetings.schemas import AttendanceEntry, AttendanceStatus, MeetingKind
from api.meetings.schemas_claims import ClaimCreate
from api.meetings.schemas_votes import BallotChoice, BallotCreate, MotionCreate
from api.memberships.schemas import MembershipRole as R
from api.people.models import Person
from api.people.schemas import PersonCategory as P
from api.users import service as service_users
from api.users.schemas import UserUpdate

# The seats of a COPIL, in the order they are filled.
COPIL_SEATS = (
    P.institutional_partner, P.manager, P.elected_official, P.person_supported, P.social_worker,
    P.institutional_partner, P.volunteer,
)  # fmt: skip


def load_participation(
    session: Session,
    *,
    committees: Mapping[str, uuid.UUID],
    carriers: Mapping[str, uuid.UUID],
    member_login: User | None,
) -> None:
    """Load everything; `committees` maps network keys to ids, `carriers` the carrying
    organisations' names to ids; `member_login`, if given, is linked to its own person."""
    demo = _Network(session, committees, carriers)
    for plan in PLANS:
        demo.committee(plan)
    demo.ardeche(member_login)
    for plan in PLANS:
        if plan.delegate_to is not None:
            demo.delegate(plan.committee, plan.delegate_to)
    demo.delegate(ardeche.ARDECHE, "auvergne_rhone_alpes")
    for key, carrier in STRUCTURING:  # drawn last: the rest of the demo does not move
        demo.founders(key, carrier)
    programmes.load_programmes(
        session, committees=committees, pilots=demo.pilots, bodies=demo.bodies
    )
    # Every COPIL aims at a third of people supported (issue 15's own example); one seat in
    # seven is theirs (COPIL_SEATS), so each falls short and the figures flag it.
    third = [CompositionTargetIn(category=P.person_supported, at_least=Decimal("0.3333"))]
    for key, refs in demo.bodies.items():
        if (copil := refs.get("copil")) is not None:
            body = bodies.body_of_committee(session, committee_id=committees[key], body_id=copil)
            bodies.replace_targets(session, body=body, targets=third)


class _Network(Builder):
    """The demo network's story, told through the builder's blocks."""

    # --- one committee from its plan ----------------------------------------------------------

    def committee(self, plan: Plan) -> None:
        key = plan.committee
        earlier, start = active_periods(key)
        self.make_bodies(key, ((kind.value, kind, name, None) for kind, name in plan.bodies))
        orgs = [self.orgs[name] for name in plan.organisations]
        # Members of an earlier active period left when the committee went to sleep; some came
        # back when it woke up.
        back = []
        for began, slept in earlier:
            for i in range(max(3, plan.size // 5)):
                person = self.new(plan, orgs, self.category())
                self.enrol(key, person, R.member, began, end=slept - DAY)
                if i % 2 == 0:
                    back.append(person)
        self.pilots[key] = self.new(plan, orgs, P.manager, orgs[0])
        self.enrol(key, self.pilots[key], R.pilot, start)
        co_pilot = (
            self.new(plan, orgs, P.manager, orgs[1])
            if len(orgs) > 1
            else self.new(plan, orgs, P.elected_official, orgs[0])
        )
        self.enrol(key, co_pilot, R.pilot, start)
        self.enrol(key, self.new(plan, orgs, P.manager, orgs[0]), R.secretariat, start)
        seats = plan.size - 3
        if "copil" in self.bodies[key]:
            seats -= self.copil(plan, orgs, start)
        others = [body for body in self.bodies[key] if body != "copil"]
        for body in others:
            for _ in range(max(3, seats // (len(others) + 2))):
                person = self.new(plan, orgs, self.category())
                self.enrol(key, person, R.member, self.joined(start), body=body)
                seats -= 1
        for person in back:
            self.enrol(key, person, R.member, start)
        for _ in range(seats - len(back)):
            self.member(key, self.new(plan, orgs, self.category()), start)
        if plan.members_on is not None:
            self.founders_who_left(plan, orgs, start, *plan.members_on)
        for spec in plan.meetings:
            self.meeting(key, spec, plan.timezone)

    def founders_who_left(
        self, plan: Plan, orgs: Sequence[Org], start: date, day: date, count: int
    ) -> None:
        """Members from the start who left later, so that `count` people are members on `day`."""
        present = {term.person.id for term in self.terms[plan.committee] if term.covers(day)}
        if len(present) > count:
            raise ValueError(f"demo: {plan.committee} has more than {count} members on {day}")
        for _ in range(count - len(present)):
            left = day + timedelta(days=150 + self.rng.randrange(700))
            person = self.new(plan, orgs, self.category())
            self.enrol(plan.committee, person, R.member, start, end=left)

    def founders(self, key: str, carrier: str) -> None:
        """The two pilots of a committee in construction, from that step."""
        spec = next(c for c in network.COMMITTEES if c.key == key)
        since = next(s.effective_on for s in spec.steps if s.status == CommitteeStatus.construction)
        org = self.orgs[carrier]
        for category in (P.manager, P.social_worker):
            self.enrol(key, self.person(category, org, SURNAMES), R.pilot, since)

    def new(self, plan: Plan, orgs: Sequence[Org], category: P, org: Org | None = None) -> Person:
        employer = org if org is not None else self.employer(category, orgs)
        return self.person(category, employer, plan.surnames)

    def copil(self, plan: Plan, orgs: Sequence[Org], start: date) -> int:
        """Three-year terms, renewed; a titular who leaves is followed by someone from the same
        structure. Returns the number of seats filled."""
        key = plan.committee
        titulars = max(3, min(7, plan.size // 6))
        for seat in range(titulars):
            category = COPIL_SEATS[seat % len(COPIL_SEATS)]
            org = self.employer(category, orgs)
            person = self.person(category, org, plan.surnames)
            last = self.enrol(key, person, R.titular, start, body="copil", years=3, stay=0.8)
            if last.end_on is not None and last.end_on < self.today:
                # Drawn apart, so that who comes after does not depend on the day of the load.
                successor = self.person(category, org, plan.surnames, rng=self.successors)
                self.enrol(key, successor, R.titular, last.end_on + DAY, body="copil", years=3)
        for seat in range(titulars // 2):
            category = COPIL_SEATS[seat % len(COPIL_SEATS)]
            person = self.new(plan, orgs, category)
            self.enrol(key, person, R.substitute, start, body="copil", years=3)
        return titulars + titulars // 2

    def member(self, key: str, person: Person, start: date) -> None:
        joined = self.joined(start)
        if person.category == P.student:  # a year at a time (the 37-41 charter, seed 000)
            self.enrol(key, person, R.member, joined, years=1, stay=0.5)
        elif self.rng.random() < 0.12:  # left on the way
            left = joined + timedelta(days=120 + self.rng.randrange(400))
            self.enrol(key, person, R.member, joined, end=left)
        else:
            self.enrol(key, person, R.member, joined)

    def delegate(self, child: str, parent: str) -> None:
        """The child committee's first pilot also sits in its parent's COPIL."""
        start = max(active_periods(child)[1], active_periods(parent)[1])
        person = self.pilots[child]
        self.enrol(parent, person, R.titular, start, body="copil", years=3)

    # --- the Ardèche committee ----------------------------------------------------------------

    def ardeche(self, member_login: User | None) -> None:
        key = ardeche.ARDECHE
        self.make_bodies(key, ((ref, *spec) for ref, spec in ardeche.ARDECHE_BODIES.items()))
        login_name = next(
            split_name(u.display_name) for u in network.DEMO_USERS if u.role is Role.member
        )
        cast: dict[str, Person] = {}
        for m in ardeche.ARDECHE_MEMBERS:
            org = self.orgs[m.organisation] if m.organisation else None
            name = login_name if m.ref == ardeche.MEMBER_REF else None
            cast[m.ref] = self.person(m.category, org, SURNAMES, name=name)
        cards = 0
        agora = ardeche.AGORA_DAY
        for m in ardeche.ARDECHE_MEMBERS:
            person = cast[m.ref]
            if m.seat in ("pilot", "secretariat"):
                self.enrol(key, person, R(m.seat), ardeche.PREFIGURATION)
            elif m.seat is not None:  # three-year terms, cut short by the agora that ends them
                role, body = {
                    "copil": (R.titular, "copil"),
                    "substitute": (R.substitute, "copil"),
                    "cotech": (R.member, "cotech"),
                }[m.seat]
                launch = network.ARDECHE_LAUNCH
                # Up to the agora's day: invited to it as members, present or not.
                self.enrol(key, person, role, launch, body=body, years=3, until=agora)
            if m.group is not None:
                self.enrol(
                    key, person, R.member, ardeche.WORKING_GROUPS_START, body=m.group,
                    end=agora - DAY,
                )  # fmt: skip
            if m.agora == ardeche.PRESENT and m.seat not in ("pilot", "secretariat"):
                # "Les membres actifs [...] s'engagent sur 1 an ; ils reçoivent leur carte"
                cards += 1
                stay = 1.0 if m.ref == ardeche.MEMBER_REF else 0.8
                self.enrol(
                    key, person, R.active_member, agora, body="agora", years=1,
                    card=f"CLTS07-{cards:03d}", stay=stay,
                )  # fmt: skip
            if m.later is not None:
                self.enrol(key, person, R.member, ardeche.LATER_GROUPS_START, body=m.later)
        self.pilots[key] = cast["ocellia"]
        self.meeting(key, _launch_day())
        for spec in ardeche.ARDECHE_MEETINGS:
            self.meeting(key, spec)
        self.agora(cast, member_login)

    def agora(self, cast: Mapping[str, Person], member_login: User | None) -> None:
        """Agora n°1: attendance by name, the vote on the new governance (only those present
        vote), the relevé de décisions, and a transport claim."""
        members = ardeche.ARDECHE_MEMBERS
        meeting = self.meeting(ardeche.ARDECHE, dataclasses.replace(ardeche.AGORA, decisions=()))
        entries = [
            AttendanceEntry(person_id=cast[m.ref].id, status=AttendanceStatus(m.agora))
            for m in members
            if m.agora is not None
        ]
        service_attendance.record_attendance(self.session, meeting=meeting, entries=entries)
        title, description = ardeche.AGORA_MOTION
        motion = service_votes.create_motion(
            self.session, meeting=meeting, data=MotionCreate(title=title, description=description)
        )
        for m in members:
            if m.vote is not None:
                ballot = BallotCreate(person_id=cast[m.ref].id, choice=BallotChoice(m.vote))
                service_votes.cast_ballot(
                    self.session, meeting=meeting, motion_id=motion.id, data=ballot, subject=LOADER
                )
        service_votes.close_motion(
            self.session, meeting=meeting, motion_id=motion.id, if_match=None
        )
        results = service_votes.motion_public(self.session, motion, subject=LOADER).results
        adopted, *others = ardeche.AGORA.decisions
        counts = {"for_": results.for_, "against": results.against, "abstain": results.abstain}
        self.decide(meeting, [adopted.format(**counts), *others])
        claimant = cast[ardeche.MEMBER_REF]
        amount, journey = ardeche.AGORA_CLAIM
        claim = ClaimCreate(person_id=claimant.id, amount=Decimal(amount), description=journey)
        service_claims.create_claim(self.session, meeting=meeting, data=claim, subject=LOADER)
        if member_login is not None:
            service_users.update_user(
                self.session,
                user=member_login,
                data=UserUpdate(person_id=claimant.id),
                if_match=etags.ANY,
            )


def _launch_day() -> MeetingSpec:
    """The Ardèche launch day, from network.ARDECHE_LAUNCH_DAY (the figures of seed 002)."""
    launch = network.ARDECHE_LAUNCH_DAY
    at, hours = ardeche.LAUNCH_HOURS
    counts = tuple((ardeche.LAUNCH_CATEGORIES[name], n) for name, n in launch.by_category)
    return MeetingSpec(
        MeetingKind.launch_day,
        launch.title,
        f"{launch.on.isoformat()}T{at}",
        hours,
        launch.place,
        attendance=False,
        headcount=Count(launch.present, counts, launch.structures_represented),
    )
