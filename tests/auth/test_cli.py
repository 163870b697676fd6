"""`ancrage create-admin`: the first network_admin, made from the command line."""

import contextlib
import io
from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from api import cli
from api.auth.models import RoleGrant, User
from api.auth.passwords import verify_password
from tests.factories import make_user

PASSWORD = "a long enough passphrase"


@pytest.fixture
def run(session: Session, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], int]:
    """`ancrage create-admin EMAIL` with `password` on stdin, inside the test's transaction."""
    monkeypatch.setattr(cli, "get_engine", lambda: None)
    monkeypatch.setattr(cli, "Session", lambda _engine, **_: contextlib.nullcontext(session))

    def run(email: str, password: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        return cli.main(["create-admin", email])

    return run


def users_named(session: Session, email: str) -> list[User]:
    return list(session.exec(select(User).where(User.email == email)).all())


def test_create_admin_makes_a_network_admin_who_can_log_in(
    run: Callable[[str, str], int], session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run("Premiere.Admin@Example.org", PASSWORD)

    assert code == 0
    (user,) = users_named(session, "premiere.admin@example.org")
    assert (
        f"network_admin premiere.admin@example.org created ({user.id})" in capsys.readouterr().out
    )
    assert user.is_active
    assert verify_password(user.password_hash, PASSWORD)
    grants = session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    assert [(g.role, g.committee_id) for g in grants] == [("network_admin", None)]


def test_create_admin_refuses_a_short_password_and_creates_nothing(
    run: Callable[[str, str], int], session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run("x@example.org", "eleven char")

    assert code == 2
    assert "password" in capsys.readouterr().err
    assert users_named(session, "x@example.org") == []


def test_create_admin_refuses_an_email_already_taken(
    run: Callable[[str, str], int], session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = make_user(session, email="x@example.org")
    session.commit()  # already in the database (a savepoint release: the test still rolls back)

    code = run("X@example.org", PASSWORD)

    assert code == 1
    assert "already exists" in capsys.readouterr().err
    assert [u.id for u in users_named(session, "x@example.org")] == [existing.id]
    assert session.exec(select(RoleGrant).where(RoleGrant.user_id == existing.id)).all() == []
