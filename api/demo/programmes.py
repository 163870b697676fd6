"""Load the demo's work programmes and working groups, through the services (so their rules
apply): a programme per active committee, built from programmes_data.py.

Content is created while a programme is a draft (a validated programme's content is locked),
then its lifecycle is walked with past dates; deliverables due before today and not delivered
are the late ones. Never commits: the caller's transaction does.
"""

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.committees.schemas import CommitteeStatus
from api.core.clock import today
from api.demo import network
from api.demo import participation_ardeche as ardeche
from api.demo.participation_build import active_periods
from api.demo.participation_data import PLANS
from api.demo.programmes_data import (
    ACTIONS,
    ARDECHE_CURRENT,
    ARDECHE_FIRST,
    ARDECHE_GROUPS,
    CARD_HOLDERS,
    GROUP_PERSONS_SUPPORTED,
    MEASURES,
    PERSONS_SUPPORTED,
    Act,
    Gauge,
    Output,
)
from api.meetings.models import Meeting
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.people.models import Person
from api.people.schemas import PersonCategory
from api.programmes import service as programmes
from api.programmes import service_actions, service_deliverables, service_indicators
from api.programmes import service_transitions as transitions
from api.programmes.models import Tag, WorkProgramme
from api.programmes.schemas import (
    ActionCreate,
    ProgrammeCreate,
    ProgrammeStatus,
    ProgrammeTransitionCreate,
)
from api.programmes.schemas_deliverables import DeliverableCreate, DeliverableStatus
from api.programmes.schemas_indicators import IndicatorCreate, MeasurementCreate
from api.programmes.service_tags import ensure_reference_tags
from api.working_groups import service as working_groups
from api.working_groups.schemas import WorkingGroupCreate, WorkingGroupStatus

DAY = timedelta(days=1)
# A step of a programme's lifecycle: (status, day, meeting that decided it, note).
Step = tuple[ProgrammeStatus, date, uuid.UUID | None, str | None]
P = ProgrammeStatus


def load_programmes(
    session: Session,
    *,
    committees: Mapping[str, uuid.UUID],
    pilots: Mapping[str, Person],
    bodies: Mapping[str, Mapping[str, uuid.UUID]],
) -> None:
    """`committees` maps network keys to ids, `pilots` each committee's first pilot, `bodies`
    each committee's body refs to ids (as participation's builder made them)."""
    ensure_reference_tags(session)
    tags = dict(session.exec(select(Tag.code, Tag.id)).all())
    loader = _Loader(session, tags)
    on = today()
    sizes = {plan.committee: plan.size for plan in PLANS}
    active = [c.key for c in network.COMMITTEES if c.steps[-1].status == CommitteeStatus.active]
    for index, key in enumerate(k for k in active if k != ardeche.ARDECHE):
        count = 2 if sizes.get(key, 0) < 16 else 3
        acts = [ACTIONS[(index * 2 + i) % len(ACTIONS)] for i in range(count)]
        pilot = pilots.get(key)
        loader.generic(committees[key], acts, _fate(index), active_periods(key)[1], pilot, on)
    if ardeche.ARDECHE in committees:
        loader.ardeche(committees[ardeche.ARDECHE], bodies[ardeche.ARDECHE], on)


def _fate(index: int) -> P:
    """Most programmes are validated or under way; a few are still drafts or proposals."""
    return {4: P.draft, 8: P.proposed}.get(
        index % 9, P.validated if index % 3 == 0 else P.in_progress
    )


class _Loader:
    def __init__(self, session: Session, tags: Mapping[str, uuid.UUID]) -> None:
        self.session = session
        self.tags = tags

    # --- every active committee -----------------------------------------------------------

    def generic(
        self,
        committee_id: uuid.UUID,
        acts: Sequence[Act],
        fate: P,
        active_since: date,
        pilot: Person | None,
        on: date,
    ) -> None:
        if fate in (P.draft, P.proposed):  # next period's programme, in preparation
            start, end = date(on.year + 1, 1, 1), date(on.year + 2, 12, 31)
            drafted = max(on - 45 * DAY, active_since)
            steps: list[Step] = [(P.proposed, max(on - 12 * DAY, drafted), None, None)]
            steps = steps if fate == P.proposed else []
        else:
            start, end = date(on.year - 1, 1, 1), date(on.year + 1, 12, 31)
            drafted = max(start - 80 * DAY, active_since)
            steps = [
                (P.proposed, max(start - 50 * DAY, drafted), None, "Proposé par le COTECH."),
                (P.validated, max(start - 20 * DAY, drafted), None, "Validé par le COPIL."),
            ]
            if fate == P.in_progress:
                steps.append((P.in_progress, max(start + 10 * DAY, drafted), None, None))
        title = f"Programme de travail {start.year}-{end.year}"
        programme = self.programme(committee_id, title, start, end, drafted)
        published = fate not in (P.draft, P.proposed)
        for n, act in enumerate(acts):
            self.action(programme, act, start, on, pilot if n == 0 else None, None, published)
        self.walk(programme, steps)

    # --- the Ardèche committee (seed 002) -------------------------------------------------

    def ardeche(self, committee_id: uuid.UUID, bodies: Mapping[str, uuid.UUID], on: date) -> None:
        groups: dict[str, uuid.UUID] = {}
        group_pilots: dict[str, uuid.UUID | None] = {}
        for ref, title, theme, mandate, status, begins, ends in ARDECHE_GROUPS:
            members = self._members(bodies[ref])
            pilot = members[0][1] if members else None
            group = working_groups.create_working_group(
                self.session,
                committee_id=committee_id,
                data=WorkingGroupCreate(
                    title=title,
                    theme=theme,
                    mandate=mandate,
                    status=WorkingGroupStatus(status),
                    start_on=date.fromisoformat(begins),
                    end_on=date.fromisoformat(ends) if ends else None,
                    pilot_ids=[pilot] if pilot else [],
                    member_ids=[membership for membership, _ in members],
                ),
            )
            groups[ref], group_pilots[ref] = group.id, pilot
        cotech = self._meeting(committee_id, bodies["cotech"], date(2022, 5, 10))
        copil = self._meeting(committee_id, bodies["copil"], date(2022, 6, 14))
        until = max(date(2025, 12, 31), date(on.year + 1, 6, 30))
        plans = (
            (
                "Programme de travail 2022-2023", date(2022, 5, 1), ardeche.AGORA_DAY,
                date(2022, 4, 12), ARDECHE_FIRST,
                [
                    (P.proposed, date(2022, 5, 10), cotech, "Proposé par le comité technique."),
                    (P.validated, date(2022, 6, 14), copil, "Validé par le comité de pilotage."),
                    (P.in_progress, date(2022, 6, 15), None, None),
                    (P.closed, ardeche.AGORA_DAY, None, "La gouvernance en agora prend le relais."),
                ],
            ),
            (
                f"Actions 2023-{until.year} du CLTS 07", date(2023, 11, 20), until,
                date(2023, 10, 19), ARDECHE_CURRENT,
                [
                    (P.proposed, date(2023, 11, 20), None, "Préparé collégialement en agora."),
                    (
                        P.validated, date(2023, 12, 12), None,
                        "Validé en agora, qui a remplacé le COPIL.",
                    ),
                    (P.in_progress, date(2024, 1, 8), None, None),
                ],
            ),
        )  # fmt: skip
        for title, start, end, drafted, acts, steps in plans:
            programme = self.programme(committee_id, title, start, end, drafted)
            for act in acts:
                body = bodies[act.group] if act.group else None
                self.action(programme, act, start, on, *_of(act, groups, group_pilots), body=body)
            self.walk(programme, steps)

    def _members(self, body_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(membership, person) of the body's members, one per person, first come first."""
        rows = self.session.exec(
            select(Membership.id, Membership.person_id)
            .where(Membership.body_id == body_id)
            .order_by(col(Membership.start_on), col(Membership.id))
        ).all()
        seen: dict[uuid.UUID, uuid.UUID] = {}
        for membership_id, person_id in rows:
            seen.setdefault(person_id, membership_id)
        return [(membership_id, person_id) for person_id, membership_id in seen.items()]

    def _meeting(self, committee_id: uuid.UUID, body_id: uuid.UUID, day: date) -> uuid.UUID:
        meetings = self.session.exec(
            select(Meeting).where(Meeting.committee_id == committee_id, Meeting.body_id == body_id)
        ).all()
        return next(m.id for m in meetings if m.starts_at.date() == day)

    # --- building blocks --------------------------------------------------------------------

    def programme(
        self, committee_id: uuid.UUID, title: str, start: date, end: date, drafted: date
    ) -> WorkProgramme:
        data = ProgrammeCreate(title=title, period_start=start, period_end=end, drafted_on=drafted)
        return programmes.create_programme(
            self.session, committee_id=committee_id, data=data, actor_id=None
        )

    def action(
        self,
        programme: WorkProgramme,
        act: Act,
        start: date,
        on: date,
        pilot: Person | uuid.UUID | None,
        group: uuid.UUID | None,
        published: bool = True,
        body: uuid.UUID | None = None,
    ) -> None:
        """`body`: the working group's body, whose members a gauge may count."""
        pilot_id = pilot.id if isinstance(pilot, Person) else pilot
        data = ActionCreate(
            title=act.title,
            theme=act.theme,
            objectives=act.objectives,
            method_step=act.step,
            pilot_person_id=pilot_id,
            working_group_id=group,
            tag_ids=[self.tags[code] for code in act.tags],
        )
        action = service_actions.create_action(self.session, programme=programme, data=data)
        for output in act.outputs:
            service_deliverables.create_deliverable(
                self.session,
                action=action,
                programme=programme,
                data=_deliverable(output, start, on, published),
            )
        if act.gauge is None:
            return
        gauge = act.gauge
        until = min(programme.period_end, on)
        counted = gauge.counts is not None
        baseline = self.count(gauge, programme, body, start) if counted else gauge.baseline
        indicator = service_indicators.create_indicator(
            self.session,
            action_id=action.id,
            programme=programme,
            data=IndicatorCreate(
                name=gauge.name, unit=gauge.unit, baseline=baseline, target=gauge.target
            ),
        )
        if not published or start >= until:
            return
        span, measures = (until - start).days, MEASURES if counted else len(gauge.values)
        for n in range(1, measures + 1):
            measured = start + timedelta(days=span * n // (measures + 1))
            value = self.count(gauge, programme, body, measured) if counted else gauge.values[n - 1]
            service_indicators.add_measurement(
                self.session,
                indicator=indicator,
                programme=programme,
                data=MeasurementCreate(measured_on=measured, value=value),
            )

    def count(
        self, gauge: Gauge, programme: WorkProgramme, body: uuid.UUID | None, day: date
    ) -> int:
        """What the gauge counts in the demo's data on `day`: people, each once."""
        people = (
            select(func.count(func.distinct(Membership.person_id)))
            .join(Person, col(Person.id) == col(Membership.person_id))
            .where(in_force_on(day))
        )
        if gauge.counts == CARD_HOLDERS:
            people = people.where(
                Membership.committee_id == programme.committee_id,
                col(Membership.card_number).is_not(None),
            )
        elif gauge.counts == PERSONS_SUPPORTED:
            people = people.where(
                Membership.committee_id == programme.committee_id,
                Person.category == PersonCategory.person_supported,
            )
        elif gauge.counts == GROUP_PERSONS_SUPPORTED and body is not None:
            people = people.where(
                Membership.body_id == body, Person.category == PersonCategory.person_supported
            )
        else:
            raise ValueError(f"demo gauge {gauge.name!r} counts {gauge.counts!r}: unknown")
        return self.session.exec(people).one()

    def walk(self, programme: WorkProgramme, steps: Sequence[Step]) -> None:
        for status, day, meeting_id, note in steps:
            transitions.change_status(
                self.session,
                programme=programme,
                data=ProgrammeTransitionCreate(
                    status=status, effective_on=day, meeting_id=meeting_id, note=note
                ),
                actor_id=None,
                if_match=None,
            )


def _of(
    act: Act, groups: Mapping[str, uuid.UUID], pilots: Mapping[str, uuid.UUID | None]
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The pilot and working group of an Ardèche action: its group's."""
    if act.group is None:
        return None, None
    return pilots[act.group], groups[act.group]


def _deliverable(output: Output, start: date, on: date, published: bool) -> DeliverableCreate:
    """The deliverable as of today; a programme not yet validated has only planned ones."""
    what, n = output.schedule
    status, due, delivered = DeliverableStatus.planned, None, None
    if not published:
        due = start + timedelta(days=60 + (n if what == "next" else 0))
    elif what == "next":
        due = on + timedelta(days=n)
    elif what == "on":  # delivered on a known day (yyyymmdd), its due date
        delivered = due = date(n // 10000, n // 100 % 100, n % 100)
        status = DeliverableStatus.delivered
    elif what == "done":
        due = start + timedelta(days=n)
        delivered = min(due - 3 * DAY, on)
        status = DeliverableStatus.delivered
    elif what == "late":
        due, status = on - timedelta(days=n), DeliverableStatus.in_progress
    elif what == "dropped":
        due, status = None, DeliverableStatus.dropped
    return DeliverableCreate(
        title=output.title,
        kind=output.kind,
        due_on=due,
        status=status,
        delivered_on=delivered,
        link=output.link,
    )
