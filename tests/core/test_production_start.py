"""What production refuses at start (a database holding the demo) and the docs it serves."""

import re
import secrets

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.config import Settings
from api.demo.marker import DEMO_DOMAIN, UnsafeStart
from api.demo.network import DEMO_USERS
from api.main import API_PREFIX, create_app
from tests.database import serving
from tests.factories import make_user

KEY = secrets.token_urlsafe(48)
# Never connected to: the app's sessions are the test's (`serving`).
POSTGRES = "postgresql+psycopg://ancrage@db.example.org:5432/ancrage"


def settings(environment: str, **overrides: object) -> Settings:
    return Settings.model_validate(
        {"environment": environment, "signing_keys": [KEY], "database_url": POSTGRES, **overrides}
    )


def test_the_marker_is_every_demo_login_s_domain() -> None:
    assert all(user.email.endswith(f"@{DEMO_DOMAIN}") for user in DEMO_USERS)


def test_production_refuses_a_database_that_holds_a_demo_account(session: Session) -> None:
    make_user(session, email=f"animation@{DEMO_DOMAIN}")

    with serving(session), pytest.raises(UnsafeStart, match="DATABASE_URL") as refused:
        create_app(settings("production"))

    assert DEMO_DOMAIN in str(refused.value)
    assert "\n" not in str(refused.value)


def test_development_starts_on_a_demo_database_and_production_on_a_real_one(
    session: Session,
) -> None:
    # A look-alike domain is not the demo's.
    make_user(session, email=f"someone@not{DEMO_DOMAIN}")
    with serving(session):
        create_app(settings("production"))
        make_user(session, email=f"pilote@{DEMO_DOMAIN}")
        create_app(settings("development"))


def _external_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", html) + [
        url for url in re.findall(r"https?://[^\s\"'<>]+", html)
    ]


def test_docs_assets_are_served_by_the_app_itself(session: Session) -> None:
    with serving(session), TestClient(create_app(settings("development"))) as client:
        page = client.get("/docs")
        assets = re.findall(r"""(?:src|href)="([^"]+)\"""", page.text)
        served = {asset: client.get(asset) for asset in assets}
        redirect = client.get("/docs/oauth2-redirect")

    assert page.status_code == 200
    assert _external_urls(page.text) == []
    assert {"js", "css"} <= {asset.rsplit(".", 1)[-1] for asset in assets}
    assert all(response.status_code == 200 for response in served.values()), served
    assert "SwaggerUIBundle" in next(r.text for a, r in served.items() if a.endswith(".js"))
    assert redirect.status_code == 200
    assert _external_urls(redirect.text) == []


@pytest.mark.parametrize(("docs_enabled", "served"), [(None, False), (True, True)])
def test_docs_are_off_in_production_unless_enabled_but_the_openapi_document_stays(
    session: Session, docs_enabled: bool | None, served: bool
) -> None:
    with (
        serving(session),
        TestClient(create_app(settings("production", docs_enabled=docs_enabled))) as client,
    ):
        docs = client.get("/docs")
        asset = client.get("/docs/assets/swagger-ui-bundle.js")
        document = client.get(f"{API_PREFIX}/openapi.json")

    assert docs.status_code == (200 if served else 404)
    assert asset.status_code == (200 if served else 404)
    assert document.status_code == 200
