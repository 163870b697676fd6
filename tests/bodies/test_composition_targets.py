"""The composition_targets table's own rules, on both databases: a category of the list, a
share in (0, 1], one per category, gone with its body."""

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from api.bodies.models import CompositionTarget
from api.people.models import PERSON_CATEGORIES
from api.people.schemas import PersonCategory
from tests.bodies.factories import make_body
from tests.factories import editing, make_committee, save


def test_the_categories_are_the_people_s() -> None:
    assert tuple(PersonCategory) == PERSON_CATEGORIES


@pytest.mark.parametrize(
    ("category", "at_least"),
    [
        ("person_supported", Decimal(0)),
        ("person_supported", Decimal("1.0001")),
        ("person_supported", Decimal("-0.5")),
        ("citizen", Decimal("0.5")),
    ],
)
def test_the_database_refuses_what_the_api_refuses(
    session: Session, category: str, at_least: Decimal
) -> None:
    body = make_body(session, committee=make_committee(session))
    with session.begin_nested(), pytest.raises(IntegrityError):
        save(session, CompositionTarget(body_id=body.id, category=category, at_least=at_least))


def test_one_target_per_category_and_the_bounds_are_kept_exactly(session: Session) -> None:
    body = make_body(session, committee=make_committee(session))

    def target(category: str, at_least: str) -> CompositionTarget:
        return CompositionTarget(body_id=body.id, category=category, at_least=Decimal(at_least))

    save(session, target("student", "1"))
    save(session, target("other", "0.0001"))
    with session.begin_nested(), pytest.raises(IntegrityError):
        save(session, target("student", "0.5"))
    session.expire_all()
    stored = session.exec(select(CompositionTarget.category, CompositionTarget.at_least)).all()
    assert sorted(stored) == [("other", Decimal("0.0001")), ("student", Decimal(1))]


def test_deleting_an_unused_body_deletes_its_targets(
    session: Session, client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = make_body(session, committee=make_committee(session))
    save(session, CompositionTarget(body_id=body.id, category="student", at_least=Decimal("0.2")))
    url = f"/api/v1/bodies/{body.id}"

    assert client.delete(url, headers=editing(client, url, admin_headers)).status_code == 204

    assert session.exec(select(CompositionTarget)).all() == []
