"""Load the demo's HCTS liaison through the services, replaying each step at its date
(`clock.replaying`), so deadlines, "not in the future" and the outbox behave as they did.

People come from the participation demo: a committee's candidates, representatives and
seminar-goers are its members on the day. Never commits: the caller's transaction does.
"""

import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.contributions import service as contributions
from api.contributions import service_transitions
from api.contributions.models import Contribution
from api.contributions.schemas import ContributionCreate, ContributionTransitionCreate
from api.core.clock import LOCAL_TZ, replaying
from api.demo import liaison_data as data
from api.hcts import service_calls, service_publications, service_relays
from api.hcts import service_representatives as representatives
from api.hcts.models import Candidature
from api.hcts.schemas_calls import CallCreate, CandidatureCreate, CandidatureDecision
from api.hcts.schemas_publications import AxisCreate, PublicationCreate, RelayCreate
from api.hcts.schemas_representatives import MandateCreate
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.newsletter import service as newsletter
from api.newsletter.schemas import IssueCreate, ItemCreate
from api.seminars import service as seminars
from api.seminars import service_registrations as registrations
from api.seminars.schemas import AttendanceItem, RegistrationCreate, SeminarCreate

DAY = timedelta(days=1)
# Who goes to a seminar: up to this many members per committee active that day.
SEMINAR_DELEGATION = 2


def at(day: date, hour: int = 10) -> datetime:
    """`day` at `hour`, Paris time."""
    return datetime.combine(day, time(hour), tzinfo=LOCAL_TZ)


def load_liaison(session: Session, *, committees: Mapping[str, uuid.UUID], admin: Subject) -> None:
    """`committees` maps the network's keys to ids; `admin` is the network's animator, who
    records what HCTS and the network do (committees' own steps are recorded by them, but
    the demo has one admin login per committee at most, so the animator stands in)."""
    loader = _Loader(session, committees, admin)
    axes = loader.axes()
    publications = loader.publications(axes)
    loader.calls(axes)
    loader.college()
    loader.seminars()
    contributions_by_title = loader.contributions()
    loader.newsletters(publications, contributions_by_title)
    loader.coming_up()


class _Loader:
    def __init__(
        self, session: Session, committees: Mapping[str, uuid.UUID], admin: Subject
    ) -> None:
        self.session = session
        self.committees = committees
        self.admin = admin

    def members_on(self, key: str, day: date, count: int) -> list[uuid.UUID]:
        """Up to `count` people of the committee whose term covers `day`, pilots first."""
        stmt = (
            select(Membership.person_id)
            .where(Membership.committee_id == self.committees[key], in_force_on(day))
            .order_by(col(Membership.role) != "pilot", col(Membership.sort_key))
        )  # a renewed term repeats a person: kept once below
        people: list[uuid.UUID] = []
        for person_id in self.session.exec(stmt):
            if person_id not in people:
                people.append(person_id)
            if len(people) == count:
                break
        return people

    def axes(self) -> dict[str, uuid.UUID]:
        ids = {}
        with replaying(at(date(2019, 11, 18))):
            for spec in data.AXES:
                axis = service_publications.create_axis(
                    self.session,
                    data=AxisCreate(
                        code=spec.code,
                        title=spec.title,
                        starts_in=2020,
                        ends_in=2021,
                        position=spec.position,
                    ),
                )
                ids[spec.code] = axis.id
        return ids

    def publications(self, axes: Mapping[str, uuid.UUID]) -> dict[str, uuid.UUID]:
        ids = {}
        for spec in data.PUBLICATIONS:
            with replaying(at(spec.published_on)):
                publication = service_publications.create_publication(
                    self.session,
                    data=PublicationCreate.model_validate(
                        {
                            "kind": spec.kind,
                            "title": spec.title,
                            "published_on": spec.published_on.isoformat(),
                            "url": spec.url,
                            "themes": list(spec.themes),
                            "axis_id": axes[spec.axis] if spec.axis else None,
                        }
                    ),
                )
                service_publications.publish_publication(
                    self.session, publication=publication, if_match=None
                )
            ids[spec.title] = publication.id
            for key, channel, day in spec.relays:
                with replaying(at(day, 17)):
                    service_relays.record_relay(
                        self.session,
                        publication=publication,
                        data=RelayCreate.model_validate(
                            {
                                "committee_id": str(self.committees[key]),
                                "relayed_on": day.isoformat(),
                                "channel": channel,
                            }
                        ),
                        subject=self.admin,
                    )
        return ids

    def calls(self, axes: Mapping[str, uuid.UUID]) -> None:
        for spec in data.CALLS:
            opened = spec.deadline - 30 * DAY
            with replaying(at(opened)):
                call = service_calls.create_call(
                    self.session,
                    data=CallCreate.model_validate(
                        {
                            "title": spec.title,
                            "working_group": spec.working_group,
                            "deadline": spec.deadline.isoformat(),
                            "axis_id": str(axes[spec.axis]) if spec.axis else None,
                        }
                    ),
                )
            proposed_on = spec.deadline - 10 * DAY
            for key, decision in spec.candidates:
                candidates = self.members_on(key, proposed_on, 1)
                if not candidates:
                    raise LookupError(f"demo: {key} has no member on {proposed_on}")
                with replaying(at(proposed_on)):
                    service_calls.propose(
                        self.session,
                        call=call,
                        data=CandidatureCreate(
                            committee_id=self.committees[key], person_id=candidates[0]
                        ),
                        subject=self.admin,
                    )
                if decision is None:
                    continue
                candidature = self.session.exec(
                    select(Candidature).where(
                        Candidature.call_id == call.id, Candidature.person_id == candidates[0]
                    )
                ).one()
                with replaying(at(spec.deadline + 14 * DAY)):
                    service_calls.decide(
                        self.session,
                        candidature=candidature,
                        data=CandidatureDecision.model_validate({"decision": decision}),
                        subject=self.admin,
                    )

    def college(self) -> None:
        for spec in data.COLLEGE_2020:
            [person_id] = self.members_on(spec.committee, data.COLLEGE_STARTS, 1)
            with replaying(at(data.COLLEGE_STARTS)):
                representatives.create_mandate(
                    self.session,
                    data=MandateCreate.model_validate(
                        {
                            "person_id": str(person_id),
                            "committee_id": str(self.committees[spec.committee]),
                            "role": spec.role,
                            "seat": spec.seat,
                            "starts_on": data.COLLEGE_STARTS.isoformat(),
                            "ends_on": data.COLLEGE_ENDS.isoformat(),
                        }
                    ),
                )

    def seminars(self) -> None:
        """The seeds' seminars, then twice a year up to the next one (open for registration)."""
        now = datetime.now(LOCAL_TZ)
        for spec in (*data.SEMINARS, *data.later_seminars(now.date())):
            self.seminar(spec, now)

    def seminar(self, spec: data.SeminarSpec, now: datetime) -> None:
        starts, announced = at(spec.day, 9), min(at(spec.day - 60 * DAY), now)
        with replaying(announced):
            seminar = seminars.create_seminar(
                self.session,
                data=SeminarCreate.model_validate(
                    {
                        "title": spec.title,
                        "starts_at": starts.isoformat(),
                        "ends_at": at(spec.day, 17).isoformat(),
                        "mode": spec.mode,
                        "place": spec.place,
                        "registration_deadline": (spec.day - 7 * DAY).isoformat(),
                    }
                ),
            )
        registered_on = spec.day - 20 * DAY
        if at(registered_on) > now:
            return
        attendance: list[AttendanceItem] = []
        for key in self.committees:
            people = self.members_on(key, registered_on, SEMINAR_DELEGATION)
            for n, person_id in enumerate(people):
                with replaying(at(registered_on)):
                    registrations.register(
                        self.session,
                        seminar=seminar,
                        data=RegistrationCreate(
                            committee_id=self.committees[key], person_id=person_id
                        ),
                        subject=self.admin,
                    )
                # One in seven sends apologies; the others came.
                status = "excused" if (len(attendance) + n) % 7 == 3 else "present"
                attendance.append(AttendanceItem.model_validate({
                    "person_id": str(person_id), "status": status,
                }))  # fmt: skip
        if attendance and at(spec.day, 18) < now:
            with replaying(at(spec.day, 18)):
                registrations.record_attendance(self.session, seminar=seminar, items=attendance)

    def contributions(self) -> dict[str, uuid.UUID]:
        ids = {}
        for spec in data.CONTRIBUTIONS:
            drafted = spec.steps[0][1] - 20 * DAY if spec.steps else date(2024, 10, 1)
            with replaying(at(drafted)):
                contribution = contributions.create_contribution(
                    self.session,
                    subject=self.admin,
                    data=ContributionCreate.model_validate(
                        {
                            "committee_id": str(self.committees[spec.committee]),
                            "kind": spec.kind,
                            "title": spec.title,
                            "body": spec.body,
                            "themes": list(spec.themes),
                            "drafted_on": drafted.isoformat(),
                        }
                    ),
                )
            for status, day, response in spec.steps:
                with replaying(at(day, 16)):
                    contribution = service_transitions.change_status(
                        self.session,
                        contribution=self._reloaded(contribution.id),
                        data=ContributionTransitionCreate.model_validate(
                            {"to": status, "response": response, "effective_on": day.isoformat()}
                        ),
                        subject=self.admin,
                        if_match=None,
                    )
            ids[spec.title] = contribution.id
        return ids

    def coming_up(self) -> None:
        """What is open now, whatever day the demo is loaded: a call (the next seminar is the
        last of `seminars`)."""
        now = datetime.now(LOCAL_TZ)
        service_calls.create_call(
            self.session,
            data=CallCreate.model_validate(
                {
                    "title": "Appel à candidatures : groupe de travail « participation des "
                    "personnes accompagnées »",
                    "working_group": "Participation des personnes accompagnées",
                    "deadline": (now.date() + 30 * DAY).isoformat(),
                }
            ),
        )

    def _reloaded(self, contribution_id: uuid.UUID) -> Contribution:
        contribution = self.session.get(Contribution, contribution_id)
        assert contribution is not None
        return contribution

    def newsletters(
        self, publications: Mapping[str, uuid.UUID], contributions_by_title: Mapping[str, uuid.UUID]
    ) -> None:
        for spec in data.NEWSLETTERS:
            written = spec.published_on - 10 * DAY if spec.published_on else date(2024, 11, 4)
            with replaying(at(written)):
                issue = newsletter.create_issue(
                    self.session, data=IssueCreate(number=spec.number, title=spec.title)
                )
                for kind, title, target in spec.items:
                    fields: dict[str, object] = {"kind": kind, "title": title}
                    if kind == "publication" and target is not None:
                        fields["publication_id"] = str(publications[target])
                    if kind == "contribution" and target is not None:
                        fields["contribution_id"] = str(contributions_by_title[target])
                    newsletter.create_item(
                        self.session, issue=issue, data=ItemCreate.model_validate(fields)
                    )
            if spec.published_on is not None:
                with replaying(at(spec.published_on)):
                    newsletter.publish_issue(self.session, issue=issue, if_match=None)
