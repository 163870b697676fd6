from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.committees.models import Committee
from api.core.clock import today
from api.programmes.models import (
    ActionTag,
    Deliverable,
    Indicator,
    Measurement,
    ProgrammeTransition,
    Tag,
    WorkProgramme,
)
from tests.assertions import assert_problem
from tests.database import count_statements
from tests.factories import make_committee
from tests.programmes.factories import make_action, make_programme, set_status


def build(session: Session, committee: Committee, actions: int) -> WorkProgramme:
    """A programme whose every action has two deliverables and two measured indicators."""
    programme = make_programme(session, committee=committee)
    tag = Tag(kind="theme", code=f"t-{programme.id}", label="Participation")
    session.add(tag)
    for n in range(actions):
        action = make_action(session, programme=programme, title=f"Action {n}")
        session.add(ActionTag(action_id=action.id, tag_id=tag.id))
        session.add_all(
            [
                Deliverable(action_id=action.id, title="late", kind="report", status="planned",
                            due_on=today() - timedelta(days=1)),
                Deliverable(action_id=action.id, title="due today", kind="event",
                            status="in_progress", due_on=today()),
            ]
        )  # fmt: skip
        for name in ("a", "b"):
            indicator = Indicator(action_id=action.id, name=name, target=10)
            session.add(indicator)
            session.flush()
            session.add_all(
                [
                    Measurement(indicator_id=indicator.id, measured_on=date(2024, m, 1), value=m)
                    for m in (1, 3, 2)
                ]
            )
    session.flush()
    return programme


def test_board_gives_actions_deliverables_and_latest_values(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    programme = build(session, make_committee(session), actions=3)
    session.add(
        ProgrammeTransition(
            programme_id=programme.id, seq=99, status="proposed", effective_on=date(2024, 2, 1)
        )
    )
    session.flush()

    response = client.get(f"/api/v1/work-programmes/{programme.id}/board", headers=admin_headers)

    assert response.status_code == 200, response.text
    board = response.json()
    assert board["programme"]["id"] == str(programme.id)
    assert board["transitions"][-1]["status"] == "proposed"
    assert [a["title"] for a in board["actions"]] == ["Action 0", "Action 1", "Action 2"]
    assert board["overdue_deliverables"] == 3
    for action in board["actions"]:
        assert [(d["title"], d["overdue"]) for d in action["deliverables"]] == [
            ("late", True),
            ("due today", False),
        ]
        assert [i["latest"] for i in action["indicators"]] == [
            {"measured_on": "2024-03-01", "value": 3}
        ] * 2
        assert [t["label"] for t in action["tags"]] == ["Participation"]


def test_board_statement_count_does_not_grow_with_actions(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    small, large = build(session, committee, 1), build(session, committee, 20)
    session.commit()
    counts = []
    for programme in (small, large):
        with count_statements(session.connection()) as statements:
            response = client.get(
                f"/api/v1/work-programmes/{programme.id}/board", headers=admin_headers
            )
        assert response.status_code == 200, response.text
        counts.append(len(statements))

    assert len(client.get(f"/api/v1/work-programmes/{large.id}/board",
                          headers=admin_headers).json()["actions"]) == 20  # fmt: skip
    assert counts[0] == counts[1], counts
    assert counts[0] > 0


def test_anonymous_sees_the_board_once_published(client: TestClient, session: Session) -> None:
    public, private = make_committee(session), make_committee(session, is_public=False)
    draft = build(session, public, 1)
    shown = build(session, public, 1)
    set_status(session, shown, "validated")
    hidden = build(session, private, 1)
    set_status(session, hidden, "validated")

    assert client.get(f"/api/v1/work-programmes/{shown.id}/board").status_code == 200
    assert_problem(client.get(f"/api/v1/work-programmes/{draft.id}/board"), 404)
    assert_problem(client.get(f"/api/v1/work-programmes/{hidden.id}/board"), 404)
