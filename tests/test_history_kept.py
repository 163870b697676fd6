"""Deleting something never deletes its history with it: a committee with a history is closed,
not deleted; a meeting, a programme, an action or an indicator holding records is refused with
a 409 naming them; only an empty one goes, with its own parts."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, SQLModel, col, func, select

from api.auth.models import RoleGrant
from api.auth.permissions import Role
from api.bodies.models import Body
from api.committees import service_status
from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.committees.schemas import CommitteeStatus
from api.core.clock import today
from api.hcts.models import Relay
from api.meetings.models import Attendance, Decision, ExpenseClaim, Headcount, Meeting, Motion
from api.memberships.models import Membership
from api.organisations.models import CommitteeCarrier
from api.programmes.models import Action, Indicator, Measurement, ProgrammeTransition, WorkProgramme
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.contributions.factories import make_contribution
from tests.factories import editing, make_committee, make_user, save
from tests.hcts.factories import (
    make_call,
    make_candidature,
    make_mandate,
    make_publication,
    make_relay,
)
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_member, make_membership
from tests.organisations.factories import make_organisation
from tests.people.factories import make_person
from tests.programmes.factories import make_action, make_programme
from tests.seminars.factories import make_registration, make_seminar
from tests.working_groups.factories import make_working_group

URL = "/api/v1/committees"
History = Callable[[Session, Committee], Any]


def _status_change(session: Session, committee: Committee) -> None:
    service_status.change_status(
        session,
        committee=committee,
        status=CommitteeStatus.construction,
        effective_on=None,
        actor_id=None,
        if_match=None,
    )


def _claim(session: Session, committee: Committee) -> None:
    meeting = make_meeting(session, committee=committee)
    person = make_person(session, category="person_supported")
    save(
        session,
        ExpenseClaim(meeting_id=meeting.id, person_id=person.id, amount_cents=1250, status="paid"),
    )


HISTORIES: dict[str, tuple[History, str]] = {
    "status change": (_status_change, "committee status changes"),
    "membership": (lambda s, c: make_membership(s, committee=c), "memberships"),
    "meeting with a claim": (_claim, "meetings"),
    "contribution": (lambda s, c: make_contribution(s, committee=c), "contributions"),
    "relay": (
        lambda s, c: make_relay(s, publication=make_publication(s), committee=c),
        "hcts relays",
    ),
    "mandate": (lambda s, c: make_mandate(s, committee=c, person=make_person(s)), "hcts mandates"),
    "candidature": (
        lambda s, c: make_candidature(s, call=make_call(s), committee=c, person=make_person(s)),
        "hcts candidatures",
    ),
    "registration": (
        lambda s, c: make_registration(
            s, seminar=make_seminar(s), committee=c, person=make_person(s)
        ),
        "seminar registrations",
    ),
    "programme": (lambda s, c: make_programme(s, committee=c), "work programmes"),
    "working group": (lambda s, c: make_working_group(s, committee=c), "working groups"),
}


def _count(session: Session, model: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.mark.parametrize("history", HISTORIES, ids=list(HISTORIES))
def test_a_committee_with_a_history_is_not_deleted_and_is_told_to_be_closed(
    client: TestClient, admin_headers: dict[str, str], session: Session, history: str
) -> None:
    build, holding = HISTORIES[history]
    committee = make_committee(session)
    build(session, committee)
    counts = {model: _count(session, model) for model in _KEPT}

    response = client.delete(
        f"{URL}/{committee.id}", headers=editing(client, f"{URL}/{committee.id}", admin_headers)
    )

    problem = assert_problem(response, 409, "conflict")
    assert problem["detail"].startswith(f"This committee holds {holding}, which must be kept")
    assert "close it instead" in problem["detail"]
    session.expire_all()
    assert session.get(Committee, committee.id) is not None
    assert {model: _count(session, model) for model in _KEPT} == counts


_KEPT: list[type[SQLModel]] = [
    CommitteeStatusChange, Membership, Meeting, ExpenseClaim, Relay, WorkProgramme,
    ProgrammeTransition,
]  # fmt: skip


def test_the_refusal_names_everything_the_committee_holds(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    for build, _ in HISTORIES.values():
        build(session, committee)

    response = client.delete(
        f"{URL}/{committee.id}", headers=editing(client, f"{URL}/{committee.id}", admin_headers)
    )

    problem = assert_problem(response, 409, "conflict")
    held = sorted(holding for _, holding in HISTORIES.values())
    assert problem["detail"].startswith(f"This committee holds {', '.join(held)}, which")


def test_a_committee_with_a_history_is_closed_instead(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    make_member(session, committee=committee)
    refused = client.delete(
        f"{URL}/{committee.id}", headers=editing(client, f"{URL}/{committee.id}", admin_headers)
    )

    closed = client.post(
        f"{URL}/{committee.id}/status",
        json={"status": "closed", "effective_on": today().isoformat()},
        headers=admin_headers | {"If-Match": f'"{committee.version}"'},
    )

    assert_problem(refused, 409, "conflict")
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"


def test_an_empty_committee_is_deleted_with_its_own_parts(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    carrier = make_organisation(session)
    committee = make_committee(session, carrying_organisation_ids=[str(carrier.id)])
    make_body(session, committee=committee)
    make_user(session, role=Role.committee_admin, committee=committee)
    committee_id = committee.id

    response = client.delete(
        f"{URL}/{committee_id}", headers=editing(client, f"{URL}/{committee_id}", admin_headers)
    )

    assert response.status_code == 204, response.text
    session.expunge_all()
    assert session.get(Committee, committee_id) is None
    for model, key in [
        (Body, Body.committee_id),
        (CommitteeTerritory, CommitteeTerritory.committee_id),
        (CommitteeCarrier, CommitteeCarrier.committee_id),
        (CommitteeStatusChange, CommitteeStatusChange.committee_id),
        (RoleGrant, RoleGrant.committee_id),
    ]:
        assert session.exec(select(model).where(col(key) == committee_id)).all() == [], model


# --- meetings -------------------------------------------------------------------------------


def _meeting_parts(session: Session, meeting: Meeting) -> dict[str, SQLModel]:
    person = make_person(session)
    return {
        "attendances": Attendance(
            meeting_id=meeting.id, person_id=person.id, status="present", category="other"
        ),
        "meeting decisions": Decision(meeting_id=meeting.id, position=1, text="Adopté."),
        "meeting headcounts": Headcount(meeting_id=meeting.id, total=40),
        "motions": Motion(meeting_id=meeting.id, title="Adoption du programme"),
        "expense claims": ExpenseClaim(
            meeting_id=meeting.id, person_id=person.id, amount_cents=900, status="submitted"
        ),
    }


@pytest.mark.parametrize(
    "holding",
    ["attendances", "meeting decisions", "meeting headcounts", "motions", "expense claims"],
)
def test_a_meeting_holding_records_is_not_deleted(
    client: TestClient, admin_headers: dict[str, str], session: Session, holding: str
) -> None:
    meeting = make_meeting(session, committee=make_committee(session))
    part = save(session, _meeting_parts(session, meeting)[holding])
    part_type, part_key = type(part), session.identity_key(instance=part)[1]

    response = client.delete(
        f"/api/v1/meetings/{meeting.id}",
        headers=editing(client, f"/api/v1/meetings/{meeting.id}", admin_headers),
    )

    problem = assert_problem(response, 409, "conflict")
    assert problem["detail"].startswith(f"This meeting holds {holding}, which would be lost")
    session.expunge_all()
    assert session.get(Meeting, meeting.id) is not None
    assert session.get(part_type, part_key) is not None


def test_a_meeting_named_by_a_relay_is_not_deleted(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    meeting = make_meeting(session, committee=committee)
    relay = make_relay(
        session, publication=make_publication(session), committee=committee, meeting_id=meeting.id
    )

    response = client.delete(
        f"/api/v1/meetings/{meeting.id}",
        headers=editing(client, f"/api/v1/meetings/{meeting.id}", admin_headers),
    )

    assert_problem(response, 409, "conflict")
    session.expire_all()
    assert session.get(Relay, relay.id).meeting_id == meeting.id  # type: ignore[union-attr]


# --- work programmes ------------------------------------------------------------------------


def test_a_draft_programme_sent_back_keeps_its_history(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    committee = make_committee(session)
    programme = make_programme(session, committee=committee, status="proposed")
    back = client.post(
        f"/api/v1/work-programmes/{programme.id}/transitions",
        json={"status": "draft"},
        headers=admin_headers | {"If-Match": f'"{programme.version}"'},
    )
    assert back.status_code in (200, 201), back.text

    response = client.delete(
        f"/api/v1/work-programmes/{programme.id}",
        headers=admin_headers | {"If-Match": back.headers["ETag"]},
    )

    problem = assert_problem(response, 409, "conflict")
    assert problem["detail"].startswith("This programme holds work programme transitions")
    session.expire_all()
    steps = select(ProgrammeTransition).where(ProgrammeTransition.programme_id == programme.id)
    assert len(session.exec(steps).all()) == 3


def test_a_fresh_draft_programme_is_deleted_with_its_content(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    action = make_action(session, programme=programme)
    ids = programme.id, action.id

    response = client.delete(
        f"/api/v1/work-programmes/{ids[0]}",
        headers=editing(client, f"/api/v1/work-programmes/{ids[0]}", admin_headers),
    )

    assert response.status_code == 204, response.text
    session.expunge_all()
    assert session.get(WorkProgramme, ids[0]) is None
    assert session.get(Action, ids[1]) is None
    steps = select(ProgrammeTransition).where(ProgrammeTransition.programme_id == ids[0])
    assert session.exec(steps).all() == []


def test_measurements_keep_their_indicator_and_action(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    programme = make_programme(session, committee=make_committee(session))
    action = make_action(session, programme=programme)
    indicator = save(session, Indicator(action_id=action.id, name="Participants"))
    save(session, Measurement(indicator_id=indicator.id, measured_on=date(2024, 6, 1), value=12))

    indicator_deleted = client.delete(
        f"/api/v1/indicators/{indicator.id}",
        headers=editing(client, f"/api/v1/indicators/{indicator.id}", admin_headers),
    )
    action_deleted = client.delete(
        f"/api/v1/actions/{action.id}",
        headers=editing(client, f"/api/v1/actions/{action.id}", admin_headers),
    )

    for response, what in [(indicator_deleted, "indicator"), (action_deleted, "action")]:
        problem = assert_problem(response, 409, "conflict")
        assert problem["detail"].startswith(f"This {what} holds indicator measurements")
    session.expunge_all()
    assert session.get(Indicator, indicator.id) is not None
    assert session.get(Action, action.id) is not None
