"""Building blocks of the demo's participation data: each one a call to a service, so that the
services' rules hold for the demo as for any client. Used by participation.py."""

import dataclasses
import random
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.auth.permissions import Subject
from api.bodies import service as bodies
from api.bodies.schemas import BodyCreate, BodyKind
from api.committees.schemas import CommitteeStatus
from api.core.clock import today
from api.demo import network
from api.demo.participation_data import (
    EMPLOYERS,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    LATEST_JOIN,
    MEMBER_MIX,
    ORGANISATIONS,
    SEED,
    Count,
    MeetingSpec,
)
from api.meetings import service as meetings
from api.meetings import service_attendance, service_decisions, service_headcount
from api.meetings.models import Meeting
from api.meetings.schemas import (
    AttendanceEntry,
    AttendanceStatus,
    DecisionCreate,
    HeadcountPut,
    MeetingCreate,
)
from api.memberships import service_terms
from api.memberships.models import Membership
from api.memberships.schemas import MembershipCreate, MembershipRenewal, TermYears
from api.memberships.schemas import MembershipRole as R
from api.organisations import service as organisations
from api.organisations.schemas import OrganisationCreate
from api.organisations.schemas import OrganisationType as T
from api.people import service as people
from api.people.models import Person
from api.people.schemas import PersonCategory as P
from api.people.schemas import PersonCreate

# The services ask who acts; the loader acts as the network's administration. No user has this
# id: on these calls the services use the subject for permission checks only.
LOADER = Subject(
    user_id=uuid.UUID(int=0), email="demo-loader@ancrage.invalid", is_network_admin=True
)
DAY = timedelta(days=1)
# How a body's members answer an invitation, in the demo: (status, weight).
TURNOUT = (
    (AttendanceStatus.present, 72),
    (AttendanceStatus.excused, 18),
    (AttendanceStatus.absent, 10),
)
STAFF = (R.pilot, R.secretariat)  # invited to every meeting of their committee


@dataclasses.dataclass(frozen=True)
class Org:
    id: uuid.UUID
    type: T


@dataclasses.dataclass(frozen=True)
class Term:
    """What the loader remembers of a membership (renewals included), to seat meetings."""

    person: Person
    body: str | None
    role: R
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Builder:
    """The demo network being built: what was created, and how to create more."""

    def __init__(
        self,
        session: Session,
        committees: Mapping[str, uuid.UUID],
        carriers: Mapping[str, uuid.UUID],
    ) -> None:
        self.session = session
        self.committees = committees
        self.today = today()
        # Demo data, not secrets: a seeded generator makes every load the same.
        self.names = random.Random(SEED)  # noqa: S311
        self.rng = random.Random(SEED + 1)  # noqa: S311
        self.successors = random.Random(SEED + 2)  # noqa: S311
        # Login display names are taken: the member login's is given to its own record only.
        self.used = {split_name(user.display_name) for user in network.DEMO_USERS}
        self.terms: dict[str, list[Term]] = defaultdict(list)
        self.bodies: dict[str, dict[str, uuid.UUID]] = {}
        self.pilots: dict[str, Person] = {}
        self.orgs = {
            name: Org(org_id, T(network.organisation_type(name)))
            for name, org_id in carriers.items()
        }
        for org in ORGANISATIONS:
            data = OrganisationCreate(type=org.type, name=org.name, department_code=org.department)
            self.orgs[org.name] = Org(
                organisations.create_organisation(session, data=data).id, org.type
            )

    # --- building blocks ----------------------------------------------------------------------

    def make_bodies(self, key: str, specs: Iterable[tuple[str, BodyKind, str, str | None]]) -> None:
        self.bodies[key] = {
            ref: bodies.create_body(
                self.session,
                committee_id=self.committees[key],
                data=BodyCreate(kind=kind, name=name, description=description),
            ).id
            for ref, kind, name, description in specs
        }

    def person(
        self,
        category: P,
        org: Org | None,
        surnames: Sequence[str],
        *,
        name: tuple[str, str] | None = None,
        rng: random.Random | None = None,
    ) -> Person:
        rng = rng or self.names
        first, last = name or self._name(surnames, rng)
        has_email = rng.random() < (0.4 if category in (P.person_supported, P.volunteer) else 0.9)
        data = PersonCreate(
            first_name=first,
            last_name=last,
            email=_email(first, last) if has_email else None,
            # 06 39 98 xx xx: a range ARCEP reserves for fiction.
            phone=f"06 39 98 {rng.randrange(100):02d} {rng.randrange(100):02d}"
            if rng.random() < 0.4
            else None,
            category=category,
            organisation_id=org.id if org else None,
        )
        return people.create_person(self.session, data=data)

    def _name(self, surnames: Sequence[str], rng: random.Random) -> tuple[str, str]:
        while True:  # the pools hold far more pairs than the demo needs
            firsts = FIRST_NAMES_F if rng.random() < 0.65 else FIRST_NAMES_M
            pair = (rng.choice(firsts), rng.choice(surnames))
            if pair not in self.used:
                self.used.add(pair)
                return pair

    def employer(self, category: P, orgs: Sequence[Org]) -> Org | None:
        if category in (P.person_supported, P.volunteer) and self.rng.random() < 0.4:
            return None
        fitting = [org for org in orgs if org.type in EMPLOYERS[category]]
        if fitting:
            return self.rng.choice(fitting)
        if category in (P.person_supported, P.volunteer, P.student, P.trainer_researcher):
            return None
        return self.rng.choice(orgs) if orgs else None

    def category(self) -> P:
        return self.rng.choices([c for c, _ in MEMBER_MIX], [w for _, w in MEMBER_MIX])[0]

    def joined(self, start: date) -> date:
        """The committee's first day for most; a day before LATEST_JOIN for the others."""
        if start >= LATEST_JOIN or self.rng.random() < 0.55:
            return start
        return start + timedelta(days=self.rng.randrange((LATEST_JOIN - start).days))

    def enrol(
        self,
        key: str,
        person: Person,
        role: R,
        start: date,
        *,
        body: str | None = None,
        end: date | None = None,
        years: TermYears | None = None,
        card: str | None = None,
        stay: float = 1.0,
        until: date | None = None,
    ) -> Membership:
        """A membership; a term of `years` is renewed up to today, each time with the chance
        `stay`, or ended early on `until`. Returns the last term."""
        data = MembershipCreate(
            person_id=person.id,
            role=role,
            body_id=self.bodies[key][body] if body else None,
            start_on=start,
            end_on=end,
            term_years=years,
            card_number=card,
        )
        term = service_terms.create_membership(
            self.session, committee_id=self.committees[key], data=data, subject=LOADER
        )
        if until is not None:
            term = service_terms.end_membership(
                self.session, membership=term, end_on=until, if_match=None
            )
        renewals = 0
        while (
            years is not None
            and until is None
            and term.end_on is not None
            and term.end_on < self.today
            and _stays(key, person, renewals, stay)
        ):
            term = service_terms.renew_membership(
                self.session, membership=term, data=MembershipRenewal(term_years=years)
            )
            renewals += 1
        self.terms[key].append(Term(person, body, role, start, term.end_on))
        return term

    def meeting(self, key: str, spec: MeetingSpec, timezone: str = "Europe/Paris") -> Meeting:
        starts = datetime.fromisoformat(spec.starts).replace(tzinfo=ZoneInfo(timezone))
        data = MeetingCreate(
            kind=spec.kind,
            title=spec.title,
            body_id=self.bodies[key][spec.body] if spec.body else None,
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec.hours),
            mode=spec.mode,
            place=spec.place,
            agenda=spec.agenda,
        )
        meeting = meetings.create_meeting(
            self.session, committee_id=self.committees[key], data=data
        )
        if spec.headcount is not None:
            self.headcount(meeting, spec.headcount)
        if spec.attendance and spec.body is not None:
            self.attendance(key, meeting, {spec.body, spec.joint} - {None}, starts.date())
        self.decide(meeting, spec.decisions)
        return meeting

    def attendance(self, key: str, meeting: Meeting, seats: set[str | None], day: date) -> None:
        """The members of the bodies meeting, and the committee's staff, on that day."""
        invited = {
            term.person.id: None
            for term in self.terms[key]
            if term.covers(day) and (term.body in seats or term.role in STAFF)
        }
        statuses, weights = [s for s, _ in TURNOUT], [w for _, w in TURNOUT]
        entries = [
            AttendanceEntry(person_id=person_id, status=self.rng.choices(statuses, weights)[0])
            for person_id in invited
        ]
        if entries:
            service_attendance.record_attendance(self.session, meeting=meeting, entries=entries)

    def headcount(self, meeting: Meeting, count: Count) -> None:
        data = HeadcountPut(
            total=count.total, structures=count.structures, counts=dict(count.by_category)
        )
        service_headcount.put_headcount(self.session, meeting=meeting, data=data, if_match=None)

    def decide(self, meeting: Meeting, texts: Iterable[str]) -> None:
        for text in texts:
            service_decisions.add_decision(
                self.session, meeting=meeting, data=DecisionCreate(text=text)
            )


def active_periods(key: str) -> tuple[list[tuple[date, date]], date]:
    """The committee's earlier active periods (first day, day it stopped) and the first day of
    the current one."""
    spec = next(c for c in network.COMMITTEES if c.key == key)
    earlier: list[tuple[date, date]] = []
    began: date | None = None
    for step in spec.steps:
        if step.status == CommitteeStatus.active and began is None:
            began = step.effective_on
        elif step.status != CommitteeStatus.active and began is not None:
            earlier.append((began, step.effective_on))
            began = None
    if began is None:
        raise ValueError(f"demo committee {key!r} is not active: it gets no members")
    return earlier, began


def _stays(key: str, person: Person, renewal: int, chance: float) -> bool:
    # A draw of its own for each renewal, so the rest of the demo does not depend on the day.
    draw = random.Random(f"{SEED}:{key}:{person.sort_key}:{renewal}")  # noqa: S311
    return draw.random() < chance


def split_name(display_name: str) -> tuple[str, str]:
    first, last = display_name.split(" ", 1)
    return first, last


def _email(first: str, last: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "-").replace("'", "")
    ascii_only = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    return f"{ascii_only}@example.org"
