"""A third-party client generated from the OpenAPI document has every type, and works.

`make clients` runs both pinned generators on the committed document; this test generates the
Python one from the app's own document and drives it against the app, so a département's
client is known to read its members and to understand a problem."""

import importlib
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.main import app
from tests.factories import make_committee
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
CONFIG = Path(__file__).resolve().parent.parent / "openapi" / "clients" / "python-client.yaml"
PACKAGE = "ancrage_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("client")
    document = root / "openapi.json"
    document.write_text(json.dumps(app.openapi()))
    run = subprocess.run(  # noqa: S603 (our own pinned generator, our own arguments)
        [
            str(GENERATOR),
            "generate",
            f"--path={document}",
            f"--output-path={root / PACKAGE}",
            "--meta=none",
            f"--config={CONFIG}",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_the_generated_client_reads_a_committees_members(
    generated: ModuleType,
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
) -> None:
    committee = make_committee(session)
    person = make_person(session, first_name="Zoé", last_name="Martin")
    make_membership(session, committee=committee, person=person)
    api = generated.AuthenticatedClient(base_url=str(client.base_url), token="unused")
    client.headers.update(admin_headers)
    api.set_httpx_client(client)  # the app in-process; same interface as httpx's

    page = _module("api.memberships.memberships_list").sync(committee.id, client=api)

    assert isinstance(page, _module("models").MembershipPage)
    assert [(m.person.first_name, m.person.last_name) for m in page.items] == [("Zoé", "Martin")]
    assert page.items[0].role == _module("models").MembershipRole.MEMBER


def test_the_generated_client_reads_a_problem(
    generated: ModuleType, client: TestClient, admin_headers: dict[str, str]
) -> None:
    api = generated.AuthenticatedClient(base_url=str(client.base_url), token="unused")
    client.headers.update(admin_headers)
    api.set_httpx_client(client)

    problem = _module("api.memberships.memberships_get").sync(
        "00000000-0000-0000-0000-000000000000", client=api
    )

    assert isinstance(problem, _module("models").Problem)
    assert problem.status == 404
    assert problem.code == _module("models").ProblemCode.MEMBERSHIP_NOT_FOUND


def test_the_generated_client_drives_the_change_feed(
    generated: ModuleType,
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
) -> None:
    committee = make_committee(session)
    terms = [make_membership(session, committee=committee) for _ in range(3)]
    api = generated.AuthenticatedClient(base_url=str(client.base_url), token="unused")
    client.headers.update(admin_headers)
    api.set_httpx_client(client)
    changes_list = _module("api.changes.changes_list")
    wanted = [_module("models").ChangeType.MEMBERSHIP_CREATED]

    # A page at a time, as a département's sync would poll, to the empty page.
    seen, cursor, pages = [], generated.types.UNSET, 0
    while pages < 100:
        page = changes_list.sync(client=api, types=wanted, limit=1, cursor=cursor)
        assert isinstance(page, _module("models").ChangePage), page
        pages += 1
        if not page.items:
            break
        seen += [(item.type_, item.payload["membership_id"]) for item in page.items]
        cursor = page.next_cursor

    ours = [str(term.id) for term in terms]
    assert [m for t, m in seen if m in ours] == ours
    assert {t for t, _ in seen} == {"membership.created"}
    assert isinstance(page.next_cursor, str)  # where to poll from next


def test_the_generated_client_drives_the_import(
    generated: ModuleType,
    client: TestClient,
    session: Session,
    admin_headers: dict[str, str],
) -> None:
    committee = make_committee(session)
    api = generated.AuthenticatedClient(base_url=str(client.base_url), token="unused")
    client.headers.update(admin_headers)
    api.set_httpx_client(client)
    members_import = _module("api.memberships.memberships_import")
    models = _module("models")
    # A département's spreadsheet, as its IT exports it (Windows-1252, `;`).
    csv = "identifiant;source;prénom;nom;catégorie\nRH-1;sirh;Zoé;Lefèvre;élu\n".encode("cp1252")
    file = generated.types.File(payload=io.BytesIO(csv), file_name="membres.csv")

    planned = members_import.sync(committee.id, client=api, body=file, dry_run=True)
    applied = members_import.sync(
        committee.id,
        client=api,
        body=models.ImportRequest(
            rows=[
                models.ImportRow(
                    external_id="RH-1",
                    source="sirh",
                    first_name="Zoé",
                    last_name="Lefèvre",
                    category=models.PersonCategory.ELECTED_OFFICIAL,
                    role=models.MembershipRole.TITULAR,
                )
            ]
        ),
        mode=models.ImportMode.REPLACE,
        idempotency_key="sync-1",
    )

    assert isinstance(planned, models.ImportReport), planned
    assert (planned.encoding, planned.delimiter, planned.applied) == ("windows-1252", ";", False)
    assert planned.rows[0].action == models.ImportAction.CREATE
    assert isinstance(applied, models.ImportReport), applied
    assert applied.applied
    assert applied.counts.create == 1
    members = _module("api.memberships.memberships_list").sync(committee.id, client=api)
    assert [(m.person.last_name, m.role) for m in members.items] == [
        ("Lefèvre", models.MembershipRole.TITULAR)
    ]
