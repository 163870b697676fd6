"""The lifecycle of a contribution: who moves it, HCTS's responses, dates, and the events."""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.permissions import Role
from api.contributions.models import Contribution
from api.core.clock import today
from tests.assertions import assert_problem
from tests.contributions.factories import STATUSES, make_contribution
from tests.factories import auth, make_committee, make_user
from tests.outbox import no_event, one_event

ALLOWED = {
    "draft": {"submitted"},
    "submitted": {"acknowledged"},
    "acknowledged": {"taken_up", "answered", "declined"},
    "taken_up": set(),
    "answered": set(),
    "declined": set(),
}
NEEDS_RESPONSE = {"answered", "declined"}


def move(
    client: TestClient, contribution: Contribution, headers: dict[str, str], **body: Any
) -> Any:
    return client.post(
        f"/api/v1/contributions/{contribution.id}/transitions", json=body, headers=headers
    )


def history(client: TestClient, contribution: Contribution, headers: dict[str, str]) -> Any:
    response = client.get(f"/api/v1/contributions/{contribution.id}/transitions", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_only_the_lifecycle_s_moves_are_allowed_each_with_one_event(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    current: str,
    target: str,
) -> None:
    contribution = make_contribution(session, committee=make_committee(session), status=current)
    body: dict[str, Any] = {"to": target}
    if target in NEEDS_RESPONSE:
        body["response"] = "Merci, voici la réponse du HCTS."

    if target in ALLOWED[current]:
        with one_event(session, f"contribution.{target}") as written:
            response = move(client, contribution, admin_headers, **body)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == target
        assert written.events[0].committee_id == contribution.committee_id
        assert written.events[0].payload == {
            "contribution_id": str(contribution.id),
            "from": current,
            "to": target,
            "effective_on": today().isoformat(),
        }
    else:
        with no_event(session):
            response = move(client, contribution, admin_headers, **body)
        problem = assert_problem(response, 409, "conflict")
        allowed = ", ".join(sorted(ALLOWED[current])) or "none"
        assert f"allowed from '{current}': {allowed}" in problem["detail"]
        session.refresh(contribution)
        assert contribution.status == current


def test_the_committee_sends_and_only_hcts_moves_it_on(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    admin = auth(make_user(session, role=Role.committee_admin, committee=committee))
    member = auth(make_user(session, role=Role.member, committee=committee))
    contribution = make_contribution(session, committee=committee)

    with one_event(session, "contribution.submitted"):
        sent = move(client, contribution, admin, to="submitted")
    with no_event(session):
        by_admin = move(client, contribution, admin, to="acknowledged")
        by_member = move(client, contribution, member, to="acknowledged")
        illegal = move(client, contribution, admin, to="declined", response="Non.")
    with one_event(session, "contribution.acknowledged"):
        acknowledged = move(client, contribution, admin_headers, to="acknowledged")

    assert sent.status_code == 200, sent.text
    assert "network_admin" in assert_problem(by_admin, 403, "forbidden")["detail"]
    assert_problem(by_member, 403, "forbidden")
    assert "allowed from 'submitted': acknowledged" in assert_problem(illegal, 409)["detail"]
    assert acknowledged.json()["status"] == "acknowledged"


def test_a_member_cannot_send_a_draft_it_cannot_even_see(
    client: TestClient, session: Session
) -> None:
    committee = make_committee(session)
    member = auth(make_user(session, role=Role.member, committee=committee))
    contribution = make_contribution(session, committee=committee)

    with no_event(session):
        response = move(client, contribution, member, to="submitted")

    assert_problem(response, 404, "not-found")


@pytest.mark.parametrize(
    ("current", "target", "response", "status"),
    [
        ("acknowledged", "answered", None, 422),
        ("acknowledged", "declined", None, 422),
        ("draft", "submitted", "Une réponse ?", 422),
        ("submitted", "acknowledged", None, 200),
        ("submitted", "acknowledged", "Bien reçu, merci.", 200),
        ("acknowledged", "taken_up", None, 200),
        ("acknowledged", "taken_up", "Repris dans le Livre blanc.", 200),
        ("acknowledged", "answered", "Voici notre réponse.", 200),
        ("acknowledged", "declined", "Hors du champ du HCTS.", 200),
    ],
)
def test_hcts_s_response_is_required_optional_or_refused_by_step(
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
    current: str,
    target: str,
    response: str | None,
    status: int,
) -> None:
    contribution = make_contribution(session, committee=make_committee(session), status=current)
    body: dict[str, Any] = {"to": target} | ({"response": response} if response else {})

    if status == 422:
        with no_event(session):
            answer = move(client, contribution, admin_headers, **body)
        problem = assert_problem(answer, 422, "validation-error")
        assert problem["errors"][0]["loc"] == ["body", "response"]
        return
    answer = move(client, contribution, admin_headers, **body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["response"] == response
    assert history(client, contribution, admin_headers)[-1]["response"] == response


def test_the_latest_response_is_the_contribution_s(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    contribution = make_contribution(session, committee=make_committee(session), status="submitted")

    move(client, contribution, admin_headers, to="acknowledged", response="Bien reçu.")
    kept = move(client, contribution, admin_headers, to="taken_up")

    assert kept.json()["response"] == "Bien reçu."
    steps = history(client, contribution, admin_headers)
    assert [s["response"] for s in steps] == [None, None, "Bien reçu.", None]


def test_dates_default_to_today_never_future_never_before_the_previous_step(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    contribution = make_contribution(session, committee=committee, drafted_on="2024-01-10")
    tomorrow = (today() + timedelta(days=1)).isoformat()

    with no_event(session):
        future = move(client, contribution, admin_headers, to="submitted", effective_on=tomorrow)
        earlier = move(client, contribution, admin_headers, to="submitted",
                       effective_on="2024-01-09")  # fmt: skip
    sent = move(client, contribution, admin_headers, to="submitted", effective_on="2024-01-10")
    acknowledged = move(client, contribution, admin_headers, to="acknowledged")

    for refused in (future, earlier):
        problem = assert_problem(refused, 422, "validation-error")
        assert problem["errors"][0]["loc"] == ["body", "effective_on"]
    assert "2024-01-10" in assert_problem(earlier, 422)["detail"]
    assert sent.json()["status_since"] == "2024-01-10"
    assert sent.json()["submitted_on"] == "2024-01-10"
    assert acknowledged.json()["status_since"] == today().isoformat()
    assert acknowledged.json()["acknowledged_on"] == today().isoformat()
    assert acknowledged.json()["drafted_on"] == "2024-01-10"


def test_a_stale_etag_refuses_the_move(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    contribution = make_contribution(session, committee=make_committee(session))

    with no_event(session):
        response = client.post(
            f"/api/v1/contributions/{contribution.id}/transitions",
            json={"to": "submitted"},
            headers=admin_headers | {"If-Match": '"99"'},
        )

    assert_problem(response, 412, "precondition-failed")


def test_the_history_is_oldest_first_and_members_read_it_once_sent(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    admin = make_user(session, role=Role.network_admin)
    member = auth(make_user(session, role=Role.member, committee=committee))
    contribution = make_contribution(
        session,
        committee=committee,
        status="declined",
        drafted_on="2024-03-01",
        dates=[date(2024, 3, 4), date(2024, 3, 4), date(2024, 4, 2)],
    )

    steps = history(client, contribution, member)
    got = client.get(f"/api/v1/contributions/{contribution.id}", headers=auth(admin)).json()

    assert [(s["from"], s["to"], s["effective_on"]) for s in steps] == [
        (None, "draft", "2024-03-01"),
        ("draft", "submitted", "2024-03-04"),
        ("submitted", "acknowledged", "2024-03-04"),
        ("acknowledged", "declined", "2024-04-02"),
    ]
    assert steps[-1]["response"] == "Réponse du HCTS."
    assert {k: got[k] for k in ("drafted_on", "submitted_on", "acknowledged_on", "closed_on")} == {
        "drafted_on": "2024-03-01",
        "submitted_on": "2024-03-04",
        "acknowledged_on": "2024-03-04",
        "closed_on": "2024-04-02",
    }
    assert (got["status"], got["status_since"]) == ("declined", "2024-04-02")


def test_ardeche_s_productions_sent_to_hcts_for_the_white_paper(
    client: TestClient, session: Session
) -> None:
    """Seed 002: the CLTS 07's contribution day for the Livre blanc (2 February 2023), its
    productions sent to HCTS on 5 February 2023."""
    ardeche = make_committee(
        session,
        name="Comité local du travail social de l'Ardèche",
        short_name="CLTS 07",
        department_codes=["07"],
    )
    headers = auth(make_user(session, role=Role.committee_admin, committee=ardeche))
    body = {
        "committee_id": str(ardeche.id),
        "kind": "production",
        "title": "Les productions du CLTS 07 pour le Livre blanc du travail social",
        "body": "Journée de contribution au Livre blanc du 2 février 2023 (113 participants : "
        "professionnels, personnes ressources, étudiants, élus). Nos propositions : améliorer "
        "l'intégration des bénévoles dans le travail social, expérimenter le « Café Social » "
        "hors les murs, définir ensemble des critères qualitatifs d'évaluation de "
        "l'accompagnement social.",
        "themes": ["Livre blanc du travail social", "Accompagnement social",
                   "Participation des personnes concernées"],
        "drafted_on": "2023-02-02",
    }  # fmt: skip

    created = client.post("/api/v1/contributions", json=body, headers=headers)
    contribution_id = created.json()["id"]
    with one_event(session, "contribution.submitted") as written:
        sent = client.post(
            f"/api/v1/contributions/{contribution_id}/transitions",
            json={"to": "submitted", "effective_on": "2023-02-05"},
            headers=headers,
        )

    assert created.status_code == 201, created.text
    assert sent.status_code == 200, sent.text
    assert sent.json()["kind"] == "production"
    assert (sent.json()["status"], sent.json()["submitted_on"]) == ("submitted", "2023-02-05")
    assert written.events[0].payload["effective_on"] == "2023-02-05"
    listed = client.get("/api/v1/contributions", params={"kind": "production"}, headers=headers)
    assert [c["id"] for c in listed.json()["items"]] == [contribution_id]


def test_without_a_draft_date_a_past_submission_is_before_the_draft(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    contribution = make_contribution(session, committee=make_committee(session))

    with no_event(session):
        response = move(client, contribution, admin_headers, to="submitted",
                        effective_on="2023-02-05")  # fmt: skip

    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["loc"] == ["body", "effective_on"]
