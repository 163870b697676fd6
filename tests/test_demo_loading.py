"""Loading the demo into a database that is not empty, or twice over: on the test's own
database (the other demo tests share one loaded demo, tests/demo/conftest.py)."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.auth.models import User
from api.committees.models import Committee
from api.demo import network
from api.demo.loader import load_demo_if_empty
from api.people.models import Person
from tests.factories import make_committee, make_user


def count(session: Session, model: type[Committee] | type[User]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_a_database_with_any_committee_gets_no_demo(session: Session) -> None:
    make_committee(session)

    assert load_demo_if_empty(session) is None
    assert count(session, Committee) == 1
    assert count(session, User) == 0


def test_a_real_account_on_a_demo_address_is_left_alone(session: Session) -> None:
    taken = network.DEMO_USERS[0].email
    existing = make_user(session, email=taken, display_name="Vraie personne")

    logins = load_demo_if_empty(session)

    assert logins is not None
    assert taken not in {login.email for login in logins}
    assert len(logins) == len(network.DEMO_USERS) - 1
    session.refresh(existing)
    assert existing.display_name == "Vraie personne"
    assert count(session, Committee) == len(network.COMMITTEES)


def test_every_load_draws_the_same_people(session: Session) -> None:
    def load() -> list[tuple[str, str, str, str | None, str | None]]:
        savepoint = session.begin_nested()
        assert load_demo_if_empty(session) is not None
        drawn = session.exec(
            select(
                Person.first_name, Person.last_name, Person.category, Person.email, Person.phone
            ).order_by(col(Person.created_at), col(Person.sort_key))
        ).all()
        savepoint.rollback()
        return list(drawn)

    first = load()

    assert len(first) > 400
    assert load() == first
