"""The demo's participation data: organisations, people, memberships, meetings, the agora."""

import os
import re
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from api.auth.models import User
from api.auth.permissions import Subject
from api.bodies.models import Body
from api.committees.models import Committee
from api.core.clock import today
from api.core.text import fold
from api.demo import network
from api.demo.loader import DemoLogin, load_demo_if_empty
from api.meetings.models import Attendance, Ballot, Decision, ExpenseClaim, Meeting, Motion
from api.meetings.service_headcount import get_headcount
from api.meetings.service_votes import motion_public
from api.memberships.models import Membership
from api.memberships.service_terms import term_end
from api.organisations.models import Organisation
from api.people.models import Person
from tests.factories import auth
from tests.meetings.tallies_helpers import assert_kept, of

ARDECHE = "Comité local du travail social de l'Ardèche"
MEMBER_EMAIL = "membre.clts07@demo.ancrage.fr"
PILOT_EMAIL = "pilote.clts07@demo.ancrage.fr"
NOBODY = Subject(user_id=uuid.uuid4(), email="reader@example.org")  # reads results, votes not
SEEDS = Path(os.environ.get("ANCRAGE_SEEDS", Path(__file__).resolve().parents[3] / "shared/seeds"))
# Surnames of real people quoted in the seeds (those of tests/demo/test_demo.py, and more),
# hyphenated ones split as the test splits them.
REAL_SURNAMES = {
    "campese", "besson", "mari", "moulin", "lemery", "pic", "gaucher", "col", "eyraud", "villard",
    "payrastre", "cloez", "klein", "amrane", "bourguignon", "cols", "ville", "assibat",
    "sanvicens", "longepe", "fondeville", "rotier", "roussin", "soubrie", "moine", "sorita",
    "michel", "colas", "noblecourt", "floch",
}  # fmt: skip


def ardeche(session: Session) -> Committee:
    return session.exec(select(Committee).where(Committee.name == ARDECHE)).one()


def meeting_on(session: Session, committee: Committee, day: date, kind: str) -> Meeting:
    meetings = session.exec(
        select(Meeting).where(Meeting.committee_id == committee.id, Meeting.kind == kind)
    ).all()
    (found,) = [m for m in meetings if m.starts_at.date() == day]
    return found


def user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def current_terms(session: Session, committee_id: object) -> list[Membership]:
    day = today()
    return list(
        session.exec(
            select(Membership).where(
                Membership.committee_id == committee_id,
                col(Membership.start_on) <= day,
                or_(col(Membership.end_on).is_(None), col(Membership.end_on) >= day),
            )
        ).all()
    )


@pytest.mark.usefixtures("logins")
def test_ardeche_launch_day_and_contribution_day_headcounts(session: Session) -> None:
    committee = ardeche(session)
    launch = meeting_on(session, committee, date(2022, 3, 29), "launch_day")
    contribution = meeting_on(session, committee, date(2023, 2, 2), "other")
    launch_count = get_headcount(session, meeting_id=launch.id)
    contribution_count = get_headcount(session, meeting_id=contribution.id)

    assert launch.title == network.ARDECHE_LAUNCH_DAY.title
    assert (launch_count.total, launch_count.structures) == (177, 58)
    assert launch_count.counts == {
        "professional": 140, "student": 13, "elected_official": 8, "resource_person": 16,
    }  # fmt: skip
    assert (contribution_count.total, contribution_count.structures) == (113, None)
    assert contribution_count.counts == {
        "professional": 73, "resource_person": 31, "student": 5, "elected_official": 4,
    }  # fmt: skip


@pytest.mark.usefixtures("logins")
def test_agora_27_present_adopts_the_new_governance_by_their_votes_only(
    session: Session,
) -> None:
    committee = ardeche(session)
    agora = meeting_on(session, committee, date(2023, 10, 18), "agora")
    statuses = dict(
        session.exec(
            select(Attendance.person_id, Attendance.status).where(Attendance.meeting_id == agora.id)
        ).all()
    )
    motion = session.exec(select(Motion).where(Motion.meeting_id == agora.id)).one()
    voters = session.exec(select(Ballot.person_id).where(Ballot.motion_id == motion.id)).all()
    results = motion_public(session, motion, subject=NOBODY).results
    decisions = session.exec(
        select(Decision.text)
        .where(Decision.meeting_id == agora.id)
        .order_by(col(Decision.position))
    ).all()
    body = session.get(Body, agora.body_id)

    assert Counter(statuses.values()) == {"present": 27, "excused": 4, "absent": 3}
    assert len(voters) == 25
    assert {statuses[v] for v in voters} == {"present"}
    assert (results.for_, results.against, results.abstain) == (22, 1, 2)
    assert results.outcome == "adopted"
    assert motion.closed_at is not None
    assert "agora est adoptée (22 pour, 1 contre, 2 abstentions)" in decisions[0]
    assert body is not None
    assert body.kind == "agora"


@pytest.mark.usefixtures("logins")
def test_the_loaded_attendance_is_tallied(session: Session) -> None:
    """The loader records attendance through the service: the flush kept the tallies."""
    agora = meeting_on(session, ardeche(session), date(2023, 10, 18), "agora")
    live = assert_kept(session)
    assert sum(live.values()) == session.exec(select(func.count()).select_from(Attendance)).one()
    by_status: Counter[str] = Counter()
    for (status, _category), n in of(agora, live).items():
        by_status[status] += n
    assert by_status == {"present": 27, "excused": 4, "absent": 3}


@pytest.mark.usefixtures("logins")
def test_ardeche_moved_from_copil_and_cotech_to_an_agora_of_active_members(
    session: Session,
) -> None:
    committee = ardeche(session)
    kinds = set(session.exec(select(Body.kind).where(Body.committee_id == committee.id)).all())
    now = {(m.role, m.card_number is not None) for m in current_terms(session, committee.id)}
    copil = session.exec(
        select(Membership)
        .join(Body, col(Body.id) == col(Membership.body_id))
        .where(Membership.committee_id == committee.id, Body.kind == "copil")
    ).all()

    assert {"copil", "cotech", "agora", "working_group"} <= kinds
    assert ("active_member", True) in now
    assert not {role for role, _ in now} & {"titular", "substitute"}
    # Three-year terms from the launch day, cut short by the agora (members on its day).
    assert {(m.start_on, m.end_on) for m in copil} == {(date(2022, 3, 29), date(2023, 10, 18))}


@pytest.mark.usefixtures("logins")
def test_every_active_committee_has_members_of_every_kind(session: Session) -> None:
    active = session.exec(select(Committee).where(Committee.status == "active")).all()

    assert len(active) > 20
    for committee in active:
        people = {m.person_id for m in current_terms(session, committee.id)}
        assert 6 <= len(people) <= 45, committee.short_name
        roles = {m.role for m in current_terms(session, committee.id)}
        assert "pilot" in roles, committee.short_name
        assert session.exec(select(Body.id).where(Body.committee_id == committee.id)).first()
    categories = set(session.exec(select(Person.category)).all())
    assert categories == {
        "person_supported", "social_worker", "manager", "elected_official", "student",
        "volunteer", "trainer_researcher", "institutional_partner",
    }  # fmt: skip


@pytest.mark.usefixtures("logins")
def test_memberships_include_ended_and_renewed_terms_of_one_or_three_years(
    session: Session,
) -> None:
    terms = {m.id: m for m in session.exec(select(Membership)).all()}
    renewals = [m for m in terms.values() if m.renewal_of_id is not None]
    renewed = {m.renewal_of_id for m in renewals}
    ended = [m for m in terms.values() if m.end_on and m.end_on < today() and m.id not in renewed]

    assert len(renewals) > 50
    assert len(ended) > 50
    for renewal in renewals:
        previous = terms[renewal.renewal_of_id]  # type: ignore[index]
        assert previous.end_on is not None
        assert (renewal.start_on - previous.end_on).days == 1
        assert renewal.end_on in (term_end(renewal.start_on, 1), term_end(renewal.start_on, 3))
        assert renewal.card_number == previous.card_number
    cards = session.exec(
        select(Membership.committee_id, Membership.card_number, Membership.person_id)
        .where(col(Membership.card_number).is_not(None))
        .distinct()
    ).all()
    assert len(cards) == len({(c, n) for c, n, _ in cards})  # one holder per card


@pytest.mark.usefixtures("logins")
def test_organisations_from_the_seeds_with_their_types(session: Session) -> None:
    types = dict(session.exec(select(Organisation.name, Organisation.type)).all())
    names = session.exec(select(Organisation.name)).all()

    assert len(names) == len(set(names))  # carriers reused, not created twice
    assert {
        "Conseil départemental de l'Ardèche": "departmental_council",
        "Ocellia": "training_institute",
        "Caf de l'Ardèche": "caf",
        "MSA Ardèche Drôme Loire": "msa",
        "UDCCAS de l'Ardèche": "ccas",
        "ARS Centre-Val de Loire": "ars",
        "DDCS/PP des Hautes-Pyrénées": "state_service",
        "ITS Tours": "training_institute",
        "IRFSS Centre-Val de Loire": "training_institute",
        "ARIFTS": "training_institute",
        "URIOPSS PACA/Corse": "federation",
        "Fédération des acteurs de la solidarité Centre-Val de Loire": "federation",
        "CRPA Centre-Val de Loire": "crpa",
        "Université de Tours": "university",
    }.items() <= types.items()
    people = session.exec(select(func.count()).select_from(Person)).one()
    employed = session.exec(
        select(func.count()).select_from(Person).where(col(Person.organisation_id).is_not(None))
    ).one()
    assert people > 400
    assert employed > people * 3 // 4


@pytest.mark.usefixtures("logins")
def test_no_demo_person_is_named_after_the_seeds(session: Session) -> None:
    names = session.exec(select(Person.first_name, Person.last_name)).all()

    assert len(names) == len(set(names))
    assert names.count(("Inès", "Garnier")) == 1  # the member login's own record
    surnames = {part for _, last in names for part in re.split(r"[- ]", fold(last))}
    assert not surnames & REAL_SURNAMES


@pytest.mark.usefixtures("logins")
def test_no_demo_person_bears_a_name_pair_of_the_seeds(session: Session) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not beside the repository ({SEEDS}); set ANCRAGE_SEEDS")
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    upper, lower = "A-ZÀ-Ý", "a-zà-ÿ"
    first_name = rf"[{upper}][{lower}]+(?:[- ][{upper}][{lower}]+)?"
    pairs = re.findall(rf"\b({first_name})\s+([{upper}][{upper}{lower}'-]+)", text)
    seed_names = {fold(f"{first} {last}") for first, last in pairs}
    seed_surnames = {fold(last) for _, last in pairs} | {
        fold(word) for word in re.findall(rf"\b[{upper}][{upper}'-]{{2,}}\b", text)
    }
    assert {"anne claire campese", "sylvie gaucher"} <= seed_names  # the scan finds them

    for first, last in session.exec(select(Person.first_name, Person.last_name)).all():
        assert fold(f"{first} {last}") not in seed_names
        assert fold(last) not in seed_surnames, last


def test_the_member_login_reads_its_own_record(session: Session, client: TestClient) -> None:
    member = user(session, MEMBER_EMAIL)
    assert member.person_id is not None
    other = session.exec(select(Person.id).where(Person.id != member.person_id)).first()
    agora = meeting_on(session, ardeche(session), date(2023, 10, 18), "agora")
    headers = auth(member)

    own = client.get(f"/api/v1/people/{member.person_id}", headers=headers)
    terms = client.get(f"/api/v1/people/{member.person_id}/memberships", headers=headers)
    claims = client.get(f"/api/v1/meetings/{agora.id}/claims", headers=headers)
    attendance = client.get(f"/api/v1/meetings/{agora.id}/attendance", headers=headers)

    assert own.status_code == 200, own.text
    assert (own.json()["first_name"], own.json()["last_name"]) == ("Inès", "Garnier")
    assert own.json()["category"] == "person_supported"
    assert client.get(f"/api/v1/people/{other}", headers=headers).status_code == 404
    assert terms.status_code == 200
    roles = {(t["role"], t["status"]) for t in terms.json()["items"]}
    assert {("member", "ended"), ("active_member", "ended"), ("active_member", "current")} <= roles
    assert [(c["amount"], c["status"]) for c in claims.json()["items"]] == [("14.20", "submitted")]
    assert [(a["person_id"], a["status"]) for a in attendance.json()["items"]] == [
        (str(member.person_id), "present")
    ]


def test_the_pilot_sees_the_copil_then_the_agora(session: Session, client: TestClient) -> None:
    committee = ardeche(session)
    headers = auth(user(session, PILOT_EMAIL))
    url = f"/api/v1/committees/{committee.id}/members"

    before = client.get(url, params={"as_of": "2023-01-01", "limit": 500}, headers=headers)
    after = client.get(url, params={"as_of": "2023-10-19", "limit": 500}, headers=headers)

    assert before.status_code == after.status_code == 200
    assert {"titular", "substitute"} <= {m["role"] for m in before.json()["items"]}
    assert "active_member" not in {m["role"] for m in before.json()["items"]}
    roles_after = Counter(m["role"] for m in after.json()["items"])
    assert roles_after["active_member"] == 22
    assert not {"titular", "substitute"} & roles_after.keys()


def test_a_second_load_adds_nobody(session: Session, logins: list[DemoLogin]) -> None:
    counts = [
        session.exec(select(func.count()).select_from(model)).one()
        for model in (Person, Membership, Meeting, Organisation, ExpenseClaim)
    ]

    assert load_demo_if_empty(session) is None

    assert counts == [
        session.exec(select(func.count()).select_from(model)).one()
        for model in (Person, Membership, Meeting, Organisation, ExpenseClaim)
    ]
