"""The directory as CSV, for analysts: the page's committees one per row, as the JSON page
has them, the next page behind the `Link` header."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.assertions import csv_rows
from tests.factories import make_committee
from tests.organisations.factories import make_organisation

URL = "/api/v1/committees"


def test_the_directory_as_csv_pages_like_the_json(session: Session, client: TestClient) -> None:
    council = make_organisation(session, name="Département de l'Ardèche")
    caf = make_organisation(session, name="CAF de la Drôme")
    make_committee(
        session, name="Comité A", scale="interdepartmental", department_codes=["07", "26"],
        carrying_organisation_ids=[council.id, caf.id],
    )  # fmt: skip
    make_committee(session, name="Comité B", scale="regional", region_codes=["84"])
    make_committee(session, name="Comité C")

    first = client.get(URL, params={"format": "csv", "limit": 2})
    rows = csv_rows(first)
    assert first.headers["content-disposition"].startswith(
        'attachment; filename="ancrage-committees-'
    )
    page = client.get(URL, params={"limit": 2}).json()
    assert [r["id"] for r in rows] == [item["id"] for item in page["items"]]
    a = rows[0]
    assert (a["name"], a["scale"], a["status"]) == ("Comité A", "interdepartmental", "reflection")
    assert a["department_codes"] == "07 26"
    assert a["region_codes"] == ""
    assert set(a["carrying_organisations"].split(" | ")) == {council.name, caf.name}
    assert a["is_public"] == "true"
    assert a["parent_id"] == ""
    assert rows[1]["region_codes"] == "84"

    link = first.headers["link"]
    assert link.endswith('>; rel="next"')
    following = client.get(link[1 : link.index(">")])
    assert [r["name"] for r in csv_rows(following)] == ["Comité C"]
    assert "link" not in following.headers


def test_accept_text_csv_chooses_csv_too(session: Session, client: TestClient) -> None:
    make_committee(session, name="Comité seul")
    rows = csv_rows(client.get(URL, headers={"Accept": "text/csv"}))
    assert [r["name"] for r in rows] == ["Comité seul"]
    assert list(rows[0])[:3] == ["id", "name", "short_name"]
