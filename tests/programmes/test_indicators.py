import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.core.clock import today
from api.programmes.models import Action, Indicator, Measurement
from tests.assertions import assert_problem
from tests.factories import editing, make_committee
from tests.programmes.factories import an_action


def add(session: Session, action: Action, **fields: Any) -> Indicator:
    indicator = Indicator(action_id=action.id, **({"name": "Ateliers tenus"} | fields))
    session.add(indicator)
    session.flush()
    return indicator


def measure(
    client: TestClient, indicator: Indicator, headers: dict[str, str], on: date, value: float
) -> Any:
    return client.post(
        f"/api/v1/indicators/{indicator.id}/measurements",
        json={"measured_on": str(on), "value": value},
        headers=headers,
    )


def test_create_and_read_an_indicator(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = an_action(session, make_committee(session))
    body = {"name": "Personnes accompagnées", "unit": "personnes", "baseline": 0, "target": 120.5}

    created = client.post(
        f"/api/v1/actions/{action.id}/indicators", json=body, headers=admin_headers
    )

    assert created.status_code == 201, created.text
    assert {k: created.json()[k] for k in body} == body
    assert created.json()["latest"] is None
    assert created.headers["ETag"] == '"1"'
    read = client.get(created.headers["Location"], headers=admin_headers)
    assert read.json() == created.json()
    listed = client.get(f"/api/v1/actions/{action.id}/indicators", headers=admin_headers)
    assert [i["id"] for i in listed.json()["items"]] == [created.json()["id"]]


def test_history_is_ordered_by_date_and_latest_is_the_newest(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))
    other = add(session, an_action(session, make_committee(session)))
    start = date(2024, 1, 15)
    for months, value in [(6, 40), (0, 5), (3, 22), (9, 61)]:
        response = measure(
            client, indicator, admin_headers, start + timedelta(days=30 * months), value
        )
        assert response.status_code == 201, response.text
    measure(client, other, admin_headers, date(2025, 1, 1), 999)

    pages: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = client.get(
            f"/api/v1/indicators/{indicator.id}/measurements", params=params, headers=admin_headers
        ).json()
        pages += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    read = client.get(f"/api/v1/indicators/{indicator.id}", headers=admin_headers).json()

    assert [m["value"] for m in pages] == [5, 22, 40, 61]
    assert [m["measured_on"] for m in pages] == sorted(m["measured_on"] for m in pages)
    assert read["latest"] == {"measured_on": str(start + timedelta(days=270)), "value": 61}


def test_one_measurement_per_date(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))
    measure(client, indicator, admin_headers, date(2024, 5, 1), 1)

    again = measure(client, indicator, admin_headers, date(2024, 5, 1), 2)

    assert_problem(again, 409, "conflict")
    values = session.exec(select(Measurement.value).where(Measurement.indicator_id == indicator.id))
    assert list(values) == [1]


@pytest.mark.parametrize(
    ("field", "value"),
    [("baseline", True), ("target", False), ("baseline", "12"), ("target", "1e3")],
)
def test_an_indicator_takes_json_numbers_only(
    client: TestClient, session: Session, admin_headers: dict[str, str], field: str, value: Any
) -> None:
    action = an_action(session, make_committee(session))
    body = {"name": "Personnes accompagnées", "unit": "personnes", field: value}

    response = client.post(
        f"/api/v1/actions/{action.id}/indicators", json=body, headers=admin_headers
    )

    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["loc"] == ["body", field]


@pytest.mark.parametrize(
    "body",
    [
        {"measured_on": "2999-01-01", "value": 1},
        {"measured_on": "2024-01-01", "value": True},
        {"measured_on": 1704067200, "value": 1},
        {"measured_on": "2024-01-01"},
        {"measured_on": "2024-01-01", "value": "beaucoup"},
        {"measured_on": "2024-01-01", "value": 1, "note": "x"},
    ],
)
def test_bad_measurements_are_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str], body: dict[str, Any]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))

    response = client.post(
        f"/api/v1/indicators/{indicator.id}/measurements", json=body, headers=admin_headers
    )

    assert_problem(response, 422, "validation-error")


def test_nan_is_refused(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))

    response = client.post(
        f"/api/v1/indicators/{indicator.id}/measurements",
        content=b'{"measured_on": "2024-01-01", "value": NaN}',
        headers=admin_headers | {"Content-Type": "application/json"},
    )

    assert_problem(response, 422, "validation-error")


def test_deleting_the_newest_measurement_moves_latest_back(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))
    measure(client, indicator, admin_headers, date(2024, 1, 1), 10)
    newest = measure(client, indicator, admin_headers, date(2024, 2, 1), 20).json()

    deleted = client.delete(
        f"/api/v1/indicators/{indicator.id}/measurements/{newest['id']}", headers=admin_headers
    )
    again = client.delete(
        f"/api/v1/indicators/{indicator.id}/measurements/{newest['id']}", headers=admin_headers
    )

    assert deleted.status_code == 204
    assert_problem(again, 404)
    read = client.get(f"/api/v1/indicators/{indicator.id}", headers=admin_headers).json()
    assert read["latest"] == {"measured_on": "2024-01-01", "value": 10}


def test_a_measurement_of_another_indicator_is_not_found(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    action = an_action(session, make_committee(session))
    mine, theirs = add(session, action), add(session, action, name="Autre")
    other = measure(client, theirs, admin_headers, date(2024, 1, 1), 1).json()

    response = client.delete(
        f"/api/v1/indicators/{mine.id}/measurements/{other['id']}", headers=admin_headers
    )

    assert_problem(response, 404)
    assert session.get(Measurement, uuid.UUID(other["id"])) is not None


@pytest.mark.parametrize("status", ["validated", "in_progress"])
def test_validated_locks_the_definition_but_measurements_go_on(
    client: TestClient, session: Session, admin_headers: dict[str, str], status: str
) -> None:
    action = an_action(session, make_committee(session), status=status)
    indicator = add(session, action, target=10)
    path = f"/api/v1/indicators/{indicator.id}"

    created = client.post(
        f"/api/v1/actions/{action.id}/indicators", json={"name": "X"}, headers=admin_headers
    )
    retargeted = client.patch(
        path, json={"target": 50}, headers=editing(client, path, admin_headers)
    )
    deleted = client.delete(path, headers=editing(client, path, admin_headers))
    unchanged = client.patch(
        path, json={"target": 10}, headers=editing(client, path, admin_headers)
    )
    measured = measure(client, indicator, admin_headers, today(), 4)

    for refused in (created, retargeted, deleted):
        assert_problem(refused, 409, "conflict")
    assert unchanged.status_code == 200
    assert measured.status_code == 201, measured.text
    assert session.get(Indicator, indicator.id).target == 10  # type: ignore[union-attr]


def test_a_closed_programme_takes_no_more_measurements(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session), status="closed"))
    session.add(Measurement(indicator_id=indicator.id, measured_on=date(2024, 1, 1), value=3))
    session.flush()
    kept = session.exec(select(Measurement).where(Measurement.indicator_id == indicator.id)).one()

    added = measure(client, indicator, admin_headers, date(2024, 2, 1), 4)
    removed = client.delete(
        f"/api/v1/indicators/{indicator.id}/measurements/{kept.id}", headers=admin_headers
    )

    assert_problem(added, 409, "conflict")
    assert_problem(removed, 409, "conflict")


def test_update_and_etag(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    indicator = add(session, an_action(session, make_committee(session)))
    path = f"/api/v1/indicators/{indicator.id}"

    stale = client.patch(path, json={"unit": "%"}, headers=admin_headers | {"If-Match": '"9"'})
    null_name = client.patch(path, json={"name": None}, headers=admin_headers)
    updated = client.patch(
        path, json={"unit": "%", "baseline": None}, headers=admin_headers | {"If-Match": '"1"'}
    )

    assert_problem(stale, 412)
    assert_problem(null_name, 422)
    assert updated.status_code == 200, updated.text
    assert updated.json()["unit"] == "%"
    assert updated.headers["ETag"] == '"2"'


def test_anonymous_reads_published_indicators_of_public_committees(
    client: TestClient, session: Session
) -> None:
    shown = add(session, an_action(session, make_committee(session), "validated"))
    draft = add(session, an_action(session, make_committee(session), "draft"))

    assert client.get(f"/api/v1/indicators/{shown.id}/measurements").status_code == 200
    assert_problem(client.get(f"/api/v1/indicators/{draft.id}"), 404)
    assert_problem(
        client.post(
            f"/api/v1/indicators/{shown.id}/measurements",
            json={"measured_on": "2024-01-01", "value": 1},
        ),
        401,
    )
