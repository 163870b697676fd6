"""The demo's work programmes: one per active committee, late and delivered deliverables, the
Ardèche working groups and COPIL validation, the public board."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.bodies.models import Body
from api.committees.models import Committee
from api.core.clock import today
from api.demo.loader import load_demo_if_empty
from api.meetings.models import Meeting
from api.programmes.models import Action, Deliverable, ProgrammeTransition, WorkProgramme
from api.working_groups.models import WorkingGroup

ARDECHE = "Comité local du travail social de l'Ardèche"


def test_every_active_committee_has_a_programme_with_late_and_delivered_work(
    session: Session,
) -> None:
    active = set(session.exec(select(Committee.id).where(Committee.status == "active")).all())
    with_programme = set(session.exec(select(WorkProgramme.committee_id)).all())
    assert active
    assert active <= with_programme
    statuses = session.exec(select(WorkProgramme.status)).all()
    assert {"draft", "proposed", "validated", "in_progress"} <= set(statuses)
    assert statuses.count("validated") + statuses.count("in_progress") > len(statuses) // 2
    deliverables = session.exec(select(Deliverable)).all()
    late = [
        d
        for d in deliverables
        if d.due_on is not None and d.due_on < today() and d.status in ("planned", "in_progress")
    ]
    delivered = [d for d in deliverables if d.status == "delivered"]
    assert len(late) >= 5
    assert len(delivered) >= 5
    assert all(d.delivered_on is not None and d.delivered_on <= today() for d in delivered)
    # Late work is in programmes that were validated, never in a mere draft.
    late_programmes = session.exec(
        select(WorkProgramme.status)
        .join(Action, col(Action.programme_id) == col(WorkProgramme.id))
        .where(col(Action.id).in_([d.action_id for d in late]))
    ).all()
    assert set(late_programmes) <= {"validated", "in_progress"}
    # A second load does nothing.
    assert load_demo_if_empty(session) is None
    assert len(session.exec(select(WorkProgramme.id)).all()) == len(statuses)


def test_ardeche_groups_copil_validation_and_public_board(
    session: Session, client: TestClient
) -> None:
    committee = session.exec(select(Committee).where(Committee.name == ARDECHE)).one()
    groups = session.exec(
        select(WorkingGroup.title).where(WorkingGroup.committee_id == committee.id)
    ).all()
    assert {
        "Accès aux droits",
        "Développement du pouvoir d'agir",
        "Attractivité des métiers",
    } <= set(groups)
    validated = session.exec(
        select(ProgrammeTransition, Body.kind)
        .join(Meeting, col(Meeting.id) == col(ProgrammeTransition.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(ProgrammeTransition.status == "validated", Meeting.committee_id == committee.id)
    ).all()
    assert [kind for _, kind in validated] == ["copil"]
    assert validated[0][0].effective_on == date(2022, 6, 14)

    assert committee.is_public
    current = session.exec(
        select(WorkProgramme).where(
            WorkProgramme.committee_id == committee.id, WorkProgramme.status == "in_progress"
        )
    ).one()
    response = client.get(f"/api/v1/work-programmes/{current.id}/board")  # anonymous
    assert response.status_code == 200, response.text
    board = response.json()
    assert board["programme"]["id"] == str(current.id)
    assert board["overdue_deliverables"] >= 1
    assert any(a["working_group_id"] for a in board["actions"])
    assert any(i["latest"] for a in board["actions"] for i in a["indicators"])
