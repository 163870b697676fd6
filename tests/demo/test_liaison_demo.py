"""The demo's HCTS liaison: the seeds' axes and publications, the 2020 college, seminars
from 2018 with registrations, contributions in every state, and what the API shows of them."""

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from api.committees.models import Committee
from api.contributions.models import Contribution, ContributionTransition
from api.demo import network
from api.hcts.models import Axis, Publication, Relay
from api.outbox.models import OutboxEvent
from api.seminars.models import Seminar, SeminarRegistration

ARDECHE = "Comité local du travail social de l'Ardèche"


def test_the_liaison_tells_the_seeds_story(session: Session) -> None:
    axes = session.exec(select(Axis).order_by(col(Axis.position))).all()
    assert [(a.starts_in, a.ends_in) for a in axes] == [(2020, 2021)] * 4
    assert "partage d'informations" in axes[3].title

    kinds = set(session.exec(select(Publication.kind).where(Publication.status == "published")))
    assert {"report", "opinion", "practice_sheet", "guide", "news"} <= kinds
    assert session.exec(select(func.count()).select_from(Relay)).one() >= 5

    statuses = set(session.exec(select(Contribution.status)))
    assert statuses == {"draft", "submitted", "acknowledged", "taken_up", "answered", "declined"}
    ardeche = session.exec(select(Committee.id).where(Committee.name == ARDECHE)).one()
    white_paper = session.exec(
        select(ContributionTransition.effective_on)
        .join(Contribution, col(Contribution.id) == ContributionTransition.contribution_id)
        .where(
            Contribution.committee_id == ardeche,
            Contribution.kind == "production",
            ContributionTransition.to_status == "submitted",
        )
    ).one()
    assert white_paper == date(2023, 2, 5)

    seminars = session.exec(select(Seminar.starts_at).order_by(col(Seminar.starts_at))).all()
    assert seminars[0].date() == date(2018, 9, 21)
    assert {s.year for s in seminars} >= set(range(2018, 2025))
    registered = session.exec(
        select(func.count(func.distinct(SeminarRegistration.seminar_id)))
    ).one()
    assert registered >= 10
    # Every change went through the services, each writing its event.
    types = set(session.exec(select(OutboxEvent.type)))
    assert {
        "hcts.publication.published",
        "contribution.taken_up",
        "seminar.attendance.recorded",
    } <= types


def test_the_public_college_and_the_ardeche_inbox(session: Session, client: TestClient) -> None:
    college = client.get("/api/v1/hcts/representatives", params={"as_of": "2020-06-01"})
    assert college.status_code == 200
    seats = sorted((m["seat"], m["role"]) for m in college.json()["items"])
    assert seats == [
        ("ethics_commission", "substitute"),
        ("ethics_commission", "titular"),
        ("permanent_commission", "substitute"),
        ("permanent_commission", "titular"),
    ]
    assert all("email" not in m["person"] for m in college.json()["items"])

    token = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "pilote.clts07@demo.ancrage.fr",
            "password": network.DEMO_PASSWORD,
        },
    ).json()["access_token"]
    ardeche = session.exec(select(Committee.id).where(Committee.name == ARDECHE)).one()
    inbox = client.get(
        f"/api/v1/committees/{ardeche}/inbox",
        params={"limit": 500},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert inbox.status_code == 200
    kinds = {item["kind"] for item in inbox.json()["items"]}
    # Publications it has not relayed, the open call, the next seminar, HCTS's answers.
    assert kinds == {"publication", "call", "seminar", "contribution_update"}
