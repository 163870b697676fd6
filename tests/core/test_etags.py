"""No silent overwrite: two editors who read the same version cannot both write it.

Each reads the body (ETag "1"); the first writes with its ETag; the second's write, with the
ETag it read, is a 412, and without one a 428: what the first wrote stays."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.permissions import Role
from api.bodies.models import Body
from api.core import etags
from api.core.problems import PreconditionFailed, PreconditionRequired
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import auth, make_committee, make_user


def _editors(session: Session) -> tuple[dict[str, str], dict[str, str], str]:
    committee = make_committee(session)
    body = make_body(session, committee=committee, name="COPIL")
    a, b = (auth(make_user(session, role=Role.committee_admin, committee=committee)) for _ in "ab")
    return a, b, f"/api/v1/bodies/{body.id}"


def test_the_second_editor_of_a_version_overwrites_nothing(
    client: TestClient, session: Session
) -> None:
    a, b, url = _editors(session)
    read_by_a, read_by_b = client.get(url, headers=a), client.get(url, headers=b)
    assert read_by_a.headers["ETag"] == read_by_b.headers["ETag"] == '"1"'

    first = client.patch(
        url, json={"name": "COPIL A"}, headers=a | {"If-Match": read_by_a.headers["ETag"]}
    )
    stale = client.patch(
        url, json={"name": "COPIL B"}, headers=b | {"If-Match": read_by_b.headers["ETag"]}
    )
    blind = client.patch(url, json={"name": "COPIL B"}, headers=b)

    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == '"2"'
    assert_problem(stale, 412, "precondition-failed", code=PreconditionFailed.code)
    assert_problem(blind, 428, "precondition-required", code="precondition_required")
    now = client.get(url, headers=b)
    assert (now.json()["name"], now.headers["ETag"]) == ("COPIL A", '"2"')


def test_the_second_editor_cannot_delete_what_the_first_changed(
    client: TestClient, session: Session
) -> None:
    a, b, url = _editors(session)
    read = client.get(url, headers=b).headers["ETag"]
    assert client.patch(url, json={"name": "COPIL A"}, headers=a | {"If-Match": read}).is_success

    stale = client.delete(url, headers=b | {"If-Match": read})
    blind = client.delete(url, headers=b)

    assert_problem(stale, 412, "precondition-failed")
    assert_problem(blind, 428, "precondition-required", code=PreconditionRequired.code)
    assert client.get(url, headers=b).json()["name"] == "COPIL A"
    assert client.delete(url, headers=b | {"If-Match": '"2"'}).status_code == 204


@pytest.mark.parametrize("if_match", ['"3"', "*", '"1", "3"', ' "2" ,"3"'])
def test_an_etag_of_the_version_or_a_star_matches(if_match: str) -> None:
    etags.require_match(if_match, 3)
    etags.check_match(if_match, 3)


@pytest.mark.parametrize("if_match", ['"2"', "3", 'W/"3"', ""])
def test_another_etag_is_stale(if_match: str) -> None:
    with pytest.raises(PreconditionFailed):
        etags.require_match(if_match, 3)
    with pytest.raises(PreconditionFailed):
        etags.check_match(if_match, 3)


def test_only_a_transition_goes_without_an_etag() -> None:
    etags.check_match(None, 3)
    with pytest.raises(PreconditionRequired):
        etags.require_match(None, 3)


def test_a_refused_write_leaves_the_row_as_it_was(client: TestClient, session: Session) -> None:
    a, _b, url = _editors(session)
    body = session.exec(select(Body).where(Body.name == "COPIL")).one()

    response = client.patch(url, json={"name": "COPIL A"}, headers=a)

    assert response.status_code == 428
    session.refresh(body)
    assert (body.name, body.version) == ("COPIL", 1)


@pytest.mark.parametrize("sent", ["", "3", '"3', "W/3"])
def test_an_if_match_that_is_no_entity_tag_is_a_422_and_changes_nothing(
    client: TestClient, session: Session, sent: str
) -> None:
    a, _, url = _editors(session)

    malformed = client.patch(url, json={"name": "COPIL A"}, headers=a | {"If-Match": sent})

    assert_problem(malformed, 422)
    assert malformed.json()["errors"][0]["loc"] == ["header", "If-Match"]
    assert client.get(url, headers=a).json()["name"] == "COPIL"
