"""The demo's dated objects against the seeds, as test_demo.py checks the committees' figures
on the seeds' dates: the HCTS college, the seminars, what committees do while they work, and
the programmes' indicators against the demo's own data. Every date below is quoted from a seed
in QUOTES (test_the_dates_here_are_quoted_from_the_seeds checks the quotes)."""

import os
import re
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from api.committees.models import Committee
from api.committees.schemas import CommitteeStatus
from api.committees.service_status import counts_on, status_history
from api.contributions.models import Contribution, ContributionTransition
from api.core.clock import LOCAL_TZ, today
from api.demo import network
from api.hcts.models import Candidature, Mandate, Publication, Relay
from api.meetings.models import Meeting
from api.memberships.models import Membership
from api.memberships.service import in_force_on
from api.people.models import Person
from api.programmes.models import (
    Action,
    Indicator,
    Measurement,
    ProgrammeTransition,
    WorkProgramme,
)
from api.seminars.models import Seminar, SeminarRegistration
from api.working_groups.models import WorkingGroupMember

SEEDS = Path(os.environ.get("ANCRAGE_SEEDS", Path(__file__).resolve().parents[3] / "shared/seeds"))
# The seeds' words behind each date of this module: (seed file prefix, quote).
QUOTES = {
    "college": (
        "000",
        "Le 18 novembre dernier, nous avons réuni le HCTS dans sa nouvelle composition, pour "
        "inaugurer un nouveau mandat de deux ans, qui prendra fin en juillet 2021.",
    ),
    "college seats": (
        "000",
        "(deux titulaires : Hautes- Pyrénées et PACA + deux suppléants : CLTSDS "
        "interdépartemental Indre-et Loire/Loir et Cher et CLTSDS Occitanie)",
    ),
    "first seminar": ("001", "Paris, le 21/09/2018"),
    "prefiguration seminars": (
        "001",
        "Je vous donne rendez-vous le 13 décembre 2018, ici même, et dans une configuration "
        "similaire à celle d'aujourd'hui, pour un deuxième séminaire ; il y en aura quatre au "
        "total, les deux derniers étant programmés en mars et juin 2019.",
    ),
    "fifth seminar": ("000", "ce séminaire, qui est la 5^{ème} rencontre au niveau national"),
    "all represented": ("000", "13 comités locaux, qui sont tous représentés ici, aujourd'hui"),
    "twice a year": ("000", "ces séminaires sont importants, et à raison de deux par an"),
    "at the DGCS": (
        "003",
        "organisés **deux fois par an** : l'un en **présentiel** dans les locaux de la Direction "
        "Générale de la Cohésion Sociale (DGCS) et le second **à distance**.",
    ),
    "february 2024": ("003", "Lors du séminaire février 2024"),
    "june 2024": ("003", "Lors du séminaire de juin 2024, le Comité Régional Occitanie"),
    "november 2024": (
        "003",
        "séminaire de novembre 2024, les comités du Lot-et-Garonne, Maine-et-Loire et Gironde",
    ),
    "la reunion": ("000", "Le comité local réunit 70 membres"),
    "cards": (
        "002",
        "Les membres « actifs » sont volontaires et s'engagent sur 1 an**\n - **Ils reçoivent "
        "leur carte de membre",
    ),
}
REUNION_COUNTED = (network.SEMINAR_2020, 70)
COLLEGE_SEATED = date(2019, 11, 18)
COLLEGE_ENDS_IN = (2021, 7)
# Seminars the seeds date: (year, month, day or None when only the month is given).
SEMINARS_NAMED = (
    (2018, 9, 21), (2018, 12, 13), (2019, 3, None), (2019, 6, None), (2020, 1, 15),
    (2024, 2, None), (2024, 6, None), (2024, 11, None),
)  # fmt: skip
# "Deux par an": never this long without a seminar, from the fifth on.
MOST_BETWEEN_SEMINARS = timedelta(days=8 * 31)
# The committees that work: what they record falls on days they are in one of these.
WORKING = {CommitteeStatus.construction, CommitteeStatus.active}


def key_of(session: Session) -> dict[uuid.UUID, str]:
    ids = dict(session.exec(select(Committee.name, Committee.id)).all())
    return {ids[c.name]: c.key for c in network.COMMITTEES}


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def test_the_dates_here_are_quoted_from_the_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not beside the repository ({SEEDS}); set ANCRAGE_SEEDS")
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}

    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", text)

    for name, (seed, quote) in QUOTES.items():
        assert flat(quote) in flat(texts[seed]), name


def test_the_college_sits_from_november_2019_to_july_2021(
    session: Session, client: TestClient
) -> None:
    def college(on: date) -> list[tuple[str, str, str]]:
        response = client.get(
            "/api/v1/hcts/representatives", params={"as_of": on.isoformat(), "limit": 100}
        )
        assert response.status_code == 200, response.text
        return sorted(
            (m["committee"]["short_name"], m["role"], m["seat"]) for m in response.json()["items"]
        )

    mandates = session.exec(select(Mandate)).all()
    ends = {m.ends_on for m in mandates}
    (last_day,) = ends
    assert last_day is not None
    assert (last_day.year, last_day.month) == COLLEGE_ENDS_IN
    assert {m.starts_on for m in mandates} == {COLLEGE_SEATED}
    seated = college(COLLEGE_SEATED)
    assert len(seated) == 4
    assert {role for _, role, _ in seated} == {"titular", "substitute"}
    assert college(COLLEGE_SEATED - timedelta(days=1)) == []
    assert college(last_day) == seated
    assert college(last_day + timedelta(days=1)) == []
    assert college(today()) == []
    # Each representative is a member of their committee throughout the mandate.
    for mandate in mandates:
        assert mandate.ends_on is not None
        for day in (mandate.starts_on, mandate.ends_on):
            assert session.exec(
                select(Membership.id).where(
                    Membership.person_id == mandate.person_id,
                    Membership.committee_id == mandate.committee_id,
                    in_force_on(day),
                )
            ).first(), (mandate.committee_id, day)


def test_seminars_fall_when_the_seeds_say_twice_a_year_up_to_the_next(session: Session) -> None:
    seminars = session.exec(select(Seminar).order_by(col(Seminar.starts_at))).all()
    days = [local_day(s.starts_at) for s in seminars]
    by_month: dict[tuple[int, int], list[date]] = defaultdict(list)
    for day in days:
        by_month[(day.year, day.month)].append(day)

    for year, month, day in SEMINARS_NAMED:
        (held,) = by_month[(year, month)]
        assert day is None or held.day == day, held
    fifth = network.SEMINAR_2020
    assert days.index(fifth) == 4
    # The seeds' seminars of winter 2023-2024 and of autumn 2024 are not a month off.
    assert not by_month[(2023, 12)]
    assert not by_month[(2024, 12)]
    later = [day for day in days if day >= fifth]
    gaps = [(after - before, before) for before, after in pairwise(later)]
    assert max(gaps)[0] <= MOST_BETWEEN_SEMINARS, max(gaps)
    ahead = [s for s in seminars if s.starts_at.astimezone(LOCAL_TZ).date() > today()]
    assert len(ahead) == 1  # the next one, and no gap before it
    assert ahead[0].starts_at.astimezone(LOCAL_TZ).date() - today() <= MOST_BETWEEN_SEMINARS
    for seminar in seminars:
        if seminar.mode == "in_person" and local_day(seminar.starts_at).year > 2020:
            assert seminar.place is not None
            assert "DGCS" in seminar.place, seminar.title


def test_the_seeds_headcounts_on_their_days(session: Session) -> None:
    """Who the seeds count or name on a day is there that day in the demo."""
    keys = key_of(session)

    def represented(year: int, month: int) -> set[str]:
        seminars = session.exec(select(Seminar)).all()
        (seminar,) = [
            s
            for s in seminars
            if (local_day(s.starts_at).year, local_day(s.starts_at).month) == (year, month)
        ]
        committees = session.exec(
            select(SeminarRegistration.committee_id).where(
                SeminarRegistration.seminar_id == seminar.id
            )
        ).all()
        return {keys[c] for c in committees}

    seminar_2020 = represented(2020, 1)
    counted = {c.key for c in network.COMMITTEES if c.scale in network.COUNTED_SCALES}
    active = sum(counts_on(session, on=network.SEMINAR_2020).get((CommitteeStatus.active, s), 0)
                 for s in network.COUNTED_SCALES)  # fmt: skip
    assert len(seminar_2020 & counted) == active == 13
    assert "occitanie" in represented(2024, 6)
    assert {"lot_et_garonne", "maine_et_loire", "gironde"} <= represented(2024, 11)
    reunion = {v: k for k, v in keys.items()}["la_reunion"]
    members = session.exec(
        select(func.count(func.distinct(Membership.person_id))).where(
            Membership.committee_id == reunion, in_force_on(REUNION_COUNTED[0])
        )
    ).one()
    assert members == REUNION_COUNTED[1]


def test_publications_the_2018_report_lists_were_out_by_then(session: Session) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not beside the repository ({SEEDS}); set ANCRAGE_SEEDS")
    (report,) = SEEDS.glob("001_*.txt")
    text = report.read_text(encoding="utf-8").replace("\\", "")
    listed = [
        (p.title, p.published_on)
        for p in session.exec(select(Publication)).all()
        if p.url is not None and p.url in text
    ]

    assert len(listed) >= 5
    assert [(title, day) for title, day in listed if day > network.NETWORK_LAUNCH_SEMINAR] == []


def test_committees_act_only_while_they_work(session: Session) -> None:
    """Relays, contributions, candidatures, mandates, meetings, memberships, registrations and
    programme steps fall on days their committee is in construction or active."""
    keys = key_of(session)
    histories = {
        committee_id: [
            (c.status, c.effective_on) for c in status_history(session, committee_id=committee_id)
        ]
        for committee_id in keys
    }

    def status_on(committee_id: uuid.UUID, day: date) -> CommitteeStatus | None:
        status = None
        for step, since in histories[committee_id]:
            if since <= day:
                status = CommitteeStatus(step)
        return status

    acts: list[tuple[str, uuid.UUID, date]] = []
    acts += [("relay", c, d) for c, d in session.exec(select(Relay.committee_id, Relay.relayed_on))]
    acts += [
        ("contribution", c, d)
        for c, d in session.exec(
            select(Contribution.committee_id, ContributionTransition.effective_on).join(
                Contribution, col(Contribution.id) == col(ContributionTransition.contribution_id)
            )
        )
    ]
    acts += [
        ("candidature", c, local_day(d))
        for c, d in session.exec(select(Candidature.committee_id, Candidature.proposed_at))
    ]
    acts += [
        ("mandate", c, d) for c, d in session.exec(select(Mandate.committee_id, Mandate.starts_on))
    ]
    acts += [
        ("meeting", c, local_day(d))
        for c, d in session.exec(select(Meeting.committee_id, Meeting.starts_at))
    ]
    acts += [
        ("membership", c, d)
        for c, d in session.exec(select(Membership.committee_id, Membership.start_on))
    ]
    acts += [
        ("registration", c, local_day(d))
        for c, d in session.exec(
            select(SeminarRegistration.committee_id, SeminarRegistration.registered_at)
        )
    ]
    acts += [
        ("programme step", c, d)
        for c, d in session.exec(
            select(WorkProgramme.committee_id, ProgrammeTransition.effective_on).join(
                WorkProgramme, col(WorkProgramme.id) == col(ProgrammeTransition.programme_id)
            )
        )
    ]

    assert {kind for kind, _, _ in acts} == {
        "relay", "contribution", "candidature", "mandate", "meeting", "membership",
        "registration", "programme step",
    }  # fmt: skip
    idle = sorted(
        (kind, keys[c], day, status_on(c, day))
        for kind, c, day in acts
        if status_on(c, day) not in WORKING
    )
    assert idle == []


def test_indicators_count_the_demo_data_on_each_day(session: Session) -> None:
    """Indicators the demo's data can answer are counted from it, measured in the programme's
    period and never later than today."""
    rows = session.exec(
        select(Indicator, WorkProgramme, Action)
        .join(Action, col(Action.id) == col(Indicator.action_id))
        .join(WorkProgramme, col(WorkProgramme.id) == col(Action.programme_id))
    ).all()

    def people(day: date, *where: object) -> int:
        stmt = (
            select(func.count(func.distinct(Membership.person_id)))
            .join(Person, col(Person.id) == col(Membership.person_id))
            .where(col(Membership.start_on) <= day)
            .where((col(Membership.end_on).is_(None)) | (col(Membership.end_on) >= day))
            .where(*where)  # type: ignore[arg-type]
        )
        return session.exec(stmt).one()

    def expected(
        indicator: Indicator, programme: WorkProgramme, action: Action, day: date
    ) -> int | None:
        supported = Person.category == "person_supported"
        if indicator.name == "Membres actifs (carte de membre)":
            return people(
                day,
                Membership.committee_id == programme.committee_id,
                col(Membership.card_number).is_not(None),
            )
        if indicator.name == "Personnes accompagnées membres du comité":
            return people(day, Membership.committee_id == programme.committee_id, supported)
        if indicator.name == "Personnes concernées dans le groupe":
            assert action.working_group_id is not None
            group = select(WorkingGroupMember.person_id).where(
                WorkingGroupMember.working_group_id == action.working_group_id
            )
            in_committee = Membership.committee_id == programme.committee_id
            return people(day, col(Membership.person_id).in_(group), in_committee, supported)
        return None

    counted: set[str] = set()
    measured = 0
    for indicator, programme, action in rows:
        measurements = session.exec(
            select(Measurement).where(Measurement.indicator_id == indicator.id)
        ).all()
        last = min(programme.period_end, today())
        for m in measurements:
            assert programme.period_start <= m.measured_on <= last, (indicator.name, m.measured_on)
        if expected(indicator, programme, action, programme.period_start) is None:
            continue
        counted.add(indicator.name)
        assert indicator.baseline == expected(indicator, programme, action, programme.period_start)
        for m in measurements:
            assert m.value == expected(indicator, programme, action, m.measured_on), (
                indicator.name,
                m.measured_on,
            )
            measured += 1

    assert counted == {
        "Membres actifs (carte de membre)",
        "Personnes accompagnées membres du comité",
        "Personnes concernées dans le groupe",
    }
    assert measured > 10
