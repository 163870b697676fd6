"""POST /committees/{id}/members/import: the plan row by row, applied all or nothing."""

import uuid
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from api.auth.permissions import ClientScope, Role
from api.core.clock import today
from api.memberships.models import Membership
from api.outbox.models import OutboxEvent
from api.people.models import Person
from tests.bodies.factories import make_body
from tests.factories import auth, client_auth, make_client, make_committee, make_user
from tests.imports.factories import a_row, csv_file, members_url
from tests.memberships.factories import make_membership
from tests.outbox import events_after, last_event_id
from tests.people.factories import make_person

CSV = {"Content-Type": "text/csv"}


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _post(
    client: TestClient, committee_id: object, body: bytes, headers: dict[str, str], **params: str
):  # type: ignore[no-untyped-def]
    return client.post(
        members_url(committee_id), content=body, headers=headers | CSV, params=params
    )


def test_a_dry_run_plans_each_row_and_writes_nothing(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    people, terms, before = (
        _count(session, Person),
        _count(session, Membership),
        last_event_id(session),
    )

    answer = _post(
        client, committee.id, csv_file([a_row(1), a_row(2)]), admin_headers, dry_run="true"
    )

    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["dry_run"], report["applied"]) == (True, False)
    assert report["counts"] == {"create": 2, "update": 0, "unchanged": 0, "end": 0, "error": 0}
    assert [(r["line"], r["action"], r["external_id"]) for r in report["rows"]] == [
        (2, "create", "RH-00001"),
        (3, "create", "RH-00002"),
    ]
    assert (_count(session, Person), _count(session, Membership)) == (people, terms)
    assert events_after(session, before) == []


def test_applying_creates_then_updates_then_leaves_unchanged(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    rows = [a_row(1), a_row(2, role="titular")]
    before = last_event_id(session)

    first = _post(client, committee.id, csv_file(rows), admin_headers)

    assert first.status_code == 200, first.text
    assert first.json()["counts"]["create"] == 2
    terms = session.exec(select(Membership).where(Membership.committee_id == committee.id)).all()
    assert sorted(t.role for t in terms) == ["member", "titular"]
    assert all(t.start_on == today() and t.end_on is None for t in terms)
    assert sorted(e.type for e in events_after(session, before)) == [
        "membership.created", "membership.created", "person.created", "person.created",
    ]  # fmt: skip

    rows[1] |= {"last_name": "Nouveau-Nom", "role": "substitute"}
    middle = last_event_id(session)
    second = _post(client, committee.id, csv_file(rows), admin_headers)

    assert second.status_code == 200, second.text
    assert [(r["action"], r["fields"]) for r in second.json()["rows"]] == [
        ("unchanged", []),
        ("update", ["last_name", "role"]),
    ]
    person = session.exec(select(Person).where(Person.external_id == "RH-00002")).one()
    assert person.last_name == "Nouveau-Nom"
    assert sorted(e.type for e in events_after(session, middle)) == [
        "membership.updated", "person.updated",
    ]  # fmt: skip

    last = last_event_id(session)
    third = _post(client, committee.id, csv_file(rows), admin_headers)

    assert third.json()["counts"]["unchanged"] == 2
    assert events_after(session, last) == []


def test_a_known_person_gets_a_term_and_a_body_by_its_name(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    copil = make_body(session, committee=committee, kind="copil", name="Comité de pilotage")
    person = make_person(session, external_id="RH-00001", source="sirh-07", **_names(1))
    row = a_row(1, body="comite de pilotage", start_on="2025-01-01", end_on="2027-12-31")

    answer = _post(client, committee.id, csv_file([row]), admin_headers)

    assert answer.json()["rows"][0]["action"] == "create", answer.text
    term = session.exec(select(Membership).where(Membership.person_id == person.id)).one()
    assert (term.body_id, term.start_on, term.end_on) == (
        copil.id,
        date(2025, 1, 1),
        date(2027, 12, 31),
    )


def _names(n: int) -> dict[str, str]:
    row = a_row(n)
    return {k: row[k] for k in ("first_name", "last_name", "email", "category")}


def test_replace_ends_the_sources_absentees_and_merge_keeps_them(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    for n in (1, 2):
        person = make_person(session, external_id=f"RH-0000{n}", source="sirh-07", **_names(n))
        make_membership(session, committee=committee, person=person)
    by_hand = make_membership(session, committee=committee)  # no source: never ended by a file
    file = csv_file([a_row(1)])

    merged = _post(client, committee.id, file, admin_headers, mode="merge")

    assert merged.json()["counts"]["end"] == 0, merged.text
    before = last_event_id(session)
    replaced = _post(client, committee.id, file, admin_headers, mode="replace")

    assert replaced.status_code == 200, replaced.text
    ends = [r for r in replaced.json()["rows"] if r["action"] == "end"]
    assert [(r["line"], r["external_id"]) for r in ends] == [(None, "RH-00002")]
    ended = session.get(Membership, uuid.UUID(ends[0]["membership_id"]))
    assert ended is not None
    assert ended.end_on == today()
    session.refresh(by_hand)
    assert by_hand.end_on is None
    assert [e.type for e in events_after(session, before)] == ["membership.ended"]


def test_a_row_at_fault_refuses_the_whole_file(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    rows = [
        a_row(1),
        a_row(2, email="pas-une-adresse", category="astronaute"),
        a_row(1),
        a_row(4, first_name=None, end_on="2020-01-01", start_on="2021-01-01"),
        a_row(5, body="Agora"),
    ]
    file = csv_file(rows, header=[*rows[0], "body", "start_on", "end_on"])
    people = _count(session, Person)

    planned = _post(client, committee.id, file, admin_headers, dry_run="true")
    refused = _post(client, committee.id, file, admin_headers)

    faults = {
        (r["line"], e["field"], e["code"]) for r in planned.json()["rows"] for e in r["errors"]
    }
    assert faults == {
        (3, "email", "invalid_email"),
        (3, "category", "invalid_choice"),
        (4, None, "duplicate_row"),
        (5, "first_name", "missing"),
        (6, "body", "unknown_body"),
    }
    assert all(e["message"] for r in planned.json()["rows"] for e in r["errors"])
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["code"] == "import_rejected"
    assert {(e["loc"][1], e["type"]) for e in problem["errors"]} == {
        (line, code) for line, _, code in faults
    }
    assert _count(session, Person) == people


def test_the_encoding_and_the_separator_are_detected(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    # As Excel saves "CSV (séparateur : point-virgule)" on a French Windows: French headers.
    header = ["Identifiant", "Source", "Prénom", "Nom", "Catégorie", "Rôle", "Début"]
    rows = [
        {"Identifiant": "A1", "Source": "sirh", "Prénom": "Zoé", "Nom": "Lefèvre",
         "Catégorie": "Élu", "Rôle": "Suppléant", "Début": "01/09/2025"},
    ]  # fmt: skip
    cases = [
        ("windows-1252", ";", csv_file(rows, delimiter=";", encoding="cp1252", header=header)),
        ("utf-8", ";", b"\xef\xbb\xbf" + csv_file(rows, delimiter=";", header=header)),
        ("utf-8", ",", csv_file(rows, delimiter=",", header=header)),
    ]
    for encoding, delimiter, file in cases:
        answer = _post(client, committee.id, file, admin_headers, dry_run="true")

        report = answer.json()
        assert (report["encoding"], report["delimiter"]) == (encoding, delimiter), answer.text
        assert report["rows"][0]["action"] == "create", report

    _post(client, committee.id, cases[0][2], admin_headers)
    person = session.exec(select(Person).where(Person.external_id == "A1")).one()
    assert (person.first_name, person.last_name, person.category) == (
        "Zoé",
        "Lefèvre",
        "elected_official",
    )
    term = session.exec(select(Membership).where(Membership.person_id == person.id)).one()
    assert (term.role, term.start_on) == ("substitute", date(2025, 9, 1))


def test_json_rows_are_imported_and_reported_as_such(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)

    answer = client.post(
        members_url(committee.id),
        json={"rows": [a_row(1), {"external_id": "X"}]},
        headers=admin_headers,
        params={"dry_run": "true"},
    )

    report = answer.json()
    assert (report["format"], report["encoding"], report["delimiter"]) == ("json", None, None)
    assert report["rows"][0]["action"] == "create"
    assert {(e["field"], e["code"]) for e in report["rows"][1]["errors"]} == {
        ("first_name", "missing"),
        ("last_name", "missing"),
        ("category", "missing"),
    }


def test_an_unreadable_file_is_a_422_whatever_the_mode(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)

    answer = _post(
        client, committee.id, b"nom;pointure\nMartin;42\n", admin_headers, dry_run="true"
    )

    assert answer.status_code == 422
    assert answer.json()["code"] == "unreadable_import"
    assert "pointure" in answer.json()["detail"]


def test_an_idempotency_key_replays_the_answer_and_writes_once(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    file = csv_file([a_row(1), a_row(2)])
    keyed = admin_headers | {"Idempotency-Key": "import-2025-09-01"}
    before = last_event_id(session)

    first = _post(client, committee.id, file, keyed)
    again = _post(client, committee.id, file, keyed)
    other = _post(client, committee.id, csv_file([a_row(3)]), keyed)

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["counts"]["create"] == 2
    assert len(events_after(session, before)) == 4
    assert other.status_code == 422
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


def test_a_machine_client_imports_into_its_departement_only(
    client: TestClient, session: Session
) -> None:
    ours = make_committee(session, is_public=False, department_codes=["07"])
    theirs = make_committee(session, is_public=False, department_codes=["33"])
    client_id, _ = make_client(session, ClientScope.members_write, department_code="07")
    headers = client_auth(client_id) | {"Idempotency-Key": "k-1"}
    before = last_event_id(session)

    done = _post(client, ours.id, csv_file([a_row(1)]), headers)
    refused = _post(client, theirs.id, csv_file([a_row(2)]), headers | {"Idempotency-Key": "k-2"})

    assert done.status_code == 200, done.text
    assert refused.status_code == 404
    events = events_after(session, before)
    assert {(e.by_client_id, e.by_user_id) for e in events} == {(client_id, None)}
    assert len(events) == 2


def test_an_ended_term_is_followed_by_a_new_one(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    person = make_person(session, external_id="RH-00001", source="sirh-07", **_names(1))
    old = make_membership(
        session, committee=committee, person=person, end_on=today() - timedelta(days=30)
    )

    answer = _post(client, committee.id, csv_file([a_row(1)]), admin_headers)

    row = answer.json()["rows"][0]
    assert (row["action"], row["person_id"]) == ("create", str(person.id))
    terms = session.exec(
        select(Membership)
        .where(Membership.person_id == person.id)
        .order_by(col(Membership.start_on))
    ).all()
    assert terms[0].id == old.id
    assert (terms[1].start_on, terms[1].end_on) == (today(), None)


def test_a_committee_admin_cannot_take_over_another_committees_person(
    client: TestClient, session: Session
) -> None:
    ours, theirs = make_committee(session), make_committee(session)
    person = make_person(session, external_id="RH-00001", source="sirh-07", **_names(1))
    make_membership(session, committee=theirs, person=person)
    admin = make_user(session, role=Role.committee_admin, committee=ours)

    answer = _post(client, ours.id, csv_file([a_row(1)]), auth(admin), dry_run="true")

    assert answer.json()["rows"][0]["errors"][0]["code"] == "person_elsewhere", answer.text


def test_names_with_quotes_commas_braces_and_backslashes_are_stored_as_sent(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    committee = make_committee(session)
    name = 'D\'Arc "la \\ Pucelle", {NULL}'
    rows = [a_row(1, last_name=name, email=None), a_row(2, first_name="NULL")]

    answer = client.post(members_url(committee.id), json={"rows": rows}, headers=admin_headers)

    assert answer.status_code == 200, answer.text
    people = {p.external_id: p for p in session.exec(select(Person)).all()}
    assert (people["RH-00001"].last_name, people["RH-00001"].email) == (name, None)
    assert people["RH-00002"].first_name == "NULL"
    events = session.exec(select(OutboxEvent).where(OutboxEvent.type == "person.created")).all()
    assert {e.payload["person_id"] for e in events} >= {str(p.id) for p in people.values()}
