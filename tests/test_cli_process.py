"""`ancrage` run as an operator runs it: a process, on a database of its own (both backends),
judged by its exit status and what it prints."""

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from api.auth.models import User
from api.committees.models import Committee
from api.memberships.models import Membership
from tests.database import ROOT, build_test_engine, fresh_database_url
from tests.factories import make_committee

PASSWORD = "a long enough passphrase"

# What never opens a database (usage, settings refused before connecting, the OpenAPI document)
# answers the same whichever TEST_DATABASE_URL is set: one pass, the SQLite one, runs it.
databaseless = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "sqlite").startswith("sqlite"),
    reason="opens no database: run once, in the SQLite pass",
)


@pytest.fixture(scope="module")
def database(worker_id: str) -> Iterator[tuple[str, Engine]]:
    """A migrated database that the commands commit to, apart from the rolled-back tests'."""
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"cli_{worker_id}")
    yield engine.url.render_as_string(hide_password=False), engine
    engine.dispose()


def ancrage(
    url: str, *args: str, stdin: str = "", **environment: str
) -> subprocess.CompletedProcess[str]:
    return python(url, "-m", "api.cli", *args, stdin=stdin, **environment)


def python(
    url: str, *args: str, stdin: str = "", **environment: str
) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": url, "ENVIRONMENT": "development"} | environment
    return subprocess.run(  # noqa: S603 (our own modules, fixed arguments)
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def count(engine: Engine, model: type, *where: object) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(model).where(*where)
        ).scalar_one()


def test_create_admin_creates_the_first_admin_and_says_so(database: tuple[str, Engine]) -> None:
    url, engine = database

    done = ancrage(url, "create-admin", "Admin@Example.org", stdin=PASSWORD + "\n")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("network_admin admin@example.org created (")
    assert done.stderr == ""
    assert count(engine, User, User.email == "admin@example.org") == 1


def test_create_admin_twice_fails_with_one_line_and_creates_nothing(
    database: tuple[str, Engine],
) -> None:
    url, engine = database
    ancrage(url, "create-admin", "twice@example.org", stdin=PASSWORD + "\n")

    again = ancrage(url, "create-admin", "twice@example.org", stdin=PASSWORD + "\n")

    assert again.returncode == 1
    assert again.stderr.startswith("error: ")
    assert again.stderr.count("\n") == 1
    assert count(engine, User, User.email == "twice@example.org") == 1


def test_create_admin_refuses_a_short_password(database: tuple[str, Engine]) -> None:
    url, engine = database

    done = ancrage(url, "create-admin", "short@example.org", stdin="eleven char\n")

    assert done.returncode == 2
    assert "password" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(engine, User, User.email == "short@example.org") == 0


def test_load_demo_loads_once_then_leaves_the_database_alone(
    database: tuple[str, Engine],
) -> None:
    url, engine = database

    first = ancrage(url, "load-demo")
    committees = count(engine, Committee)
    second = ancrage(url, "load-demo")

    assert first.returncode == 0, first.stderr
    assert "Demo data loaded" in first.stdout
    assert "animation@demo.ancrage.fr" in first.stdout
    assert committees > 0
    assert second.returncode == 0, second.stderr
    assert "already has committees" in second.stdout
    assert count(engine, Committee) == committees


def test_a_database_without_the_schema_is_one_line_and_a_failure(
    tmp_path: Path, worker_id: str
) -> None:
    url = fresh_database_url(os.environ["TEST_DATABASE_URL"], f"cli_empty_{worker_id}")

    done = ancrage(url, "load-demo")

    assert done.returncode == 1
    assert done.stderr.startswith("error: database: ")
    assert done.stderr.count("\n") == 1


@databaseless
def test_openapi_writes_the_committed_document(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"

    done = ancrage("sqlite:///" + str(tmp_path / "unused.db"), "openapi", str(target))

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {target}\n"
    committed = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    assert json.loads(target.read_text()) == committed


@databaseless
def test_an_unknown_command_is_a_usage_error() -> None:
    done = ancrage("sqlite:///unused.db", "frobnicate")

    assert done.returncode == 2
    assert "usage: ancrage" in done.stderr


# Settings production accepts, but for the database (never connected to by these tests).
PRODUCTION = {"ENVIRONMENT": "production", "SIGNING_KEYS": json.dumps([secrets.token_urlsafe(48)])}
UNREACHABLE = "postgresql+psycopg://ancrage@127.0.0.1:9/ancrage"


@databaseless
def test_load_demo_is_refused_in_production() -> None:
    done = ancrage(UNREACHABLE, "load-demo", **PRODUCTION)

    assert done.returncode == 1
    assert done.stderr == "error: ENVIRONMENT: production refuses the demo data\n"
    assert "Demo data loaded" not in done.stdout


@databaseless
@pytest.mark.parametrize(
    ("unsafe", "setting"),
    [
        ({"SIGNING_KEYS": json.dumps(["k" * 48])}, "SIGNING_KEYS"),
        ({"CORS_ORIGINS": '["*"]'}, "CORS_ORIGINS"),
        ({"DATABASE_URL": "sqlite:///var/ancrage.db"}, "DATABASE_URL"),
    ],
)
@pytest.mark.parametrize("start", [("-m", "api.cli", "create-admin", "a@example.org"),
                                   ("-c", "import api.main"), ("-m", "api.cli", "serve")],
                         ids=["cli", "server", "serve"])  # fmt: skip
def test_unsafe_production_settings_stop_the_cli_and_the_server_with_one_line(
    unsafe: dict[str, str], setting: str, start: tuple[str, ...]
) -> None:
    done = python(UNREACHABLE, *start, stdin=PASSWORD + "\n", **(PRODUCTION | unsafe))

    assert done.returncode != 0
    assert done.stderr.startswith(f"error: {setting}")
    assert done.stderr.count("\n") == 1


def test_the_server_refuses_a_production_database_that_holds_the_demo(
    database: tuple[str, Engine],
) -> None:
    url, _engine = database
    ancrage(url, "load-demo")
    if url.startswith("sqlite"):
        pytest.skip("production runs on PostgreSQL (tests/core/test_production_start.py: both)")

    done = python(url, "-c", "import api.main", **PRODUCTION)
    # `ancrage serve` checks before it starts its workers, which would otherwise fail forever.
    serve = ancrage(url, "serve", "--workers", "2", **PRODUCTION)

    for each in (done, serve):
        assert each.returncode == 1
        assert each.stderr.startswith("error: DATABASE_URL: the database holds the demo's accounts")
        assert each.stderr.count("\n") == 1


def test_import_prints_the_plan_and_fails_with_one_french_line(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    url, engine = database
    with Session(engine) as session:
        committee_id = make_committee(session, short_name="CLTS 99").id
        session.commit()
    good = tmp_path / "membres.csv"
    good.write_bytes(
        "identifiant;source;prénom;nom;catégorie;rôle\n"
        "RH-1;sirh;Zoé;Lefèvre;Élu;Suppléant\nRH-2;sirh;Jean;Dupont;cadre;titulaire\n".encode(
            "cp1252"
        )
    )
    bad = tmp_path / "faux.csv"
    bad.write_text("identifiant,source,prénom,nom,catégorie\nRH-3,sirh,Ana,,cadre\n")

    done = ancrage(url, "import", str(good), "--committee", "clts 99")
    failed = ancrage(url, "import", str(bad), "--committee", str(committee_id))

    assert done.returncode == 0, done.stderr
    assert "importé : 2 création(s)" in done.stdout
    assert "windows-1252" in done.stdout
    assert count(engine, Membership, Membership.committee_id == committee_id) == 2
    assert failed.returncode == 1
    assert failed.stderr == "erreur : 1 ligne(s) en défaut, rien n'a été importé\n"
    assert "last_name" in failed.stdout
    assert count(engine, Membership, Membership.committee_id == committee_id) == 2
