"""The built SPA served at `/` (api/core/spa.py): history-mode routes fall back to index.html,
the API's and the docs' paths never do, hashed assets are cached for good, index.html never."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.core.spa import IMMUTABLE, REVALIDATE
from api.main import create_app

INDEX = "<!doctype html><html lang=fr><title>ancrage</title><div id=app></div></html>"
ASSET = "assets/index-Cw3a9f1b.js"


@pytest.fixture(scope="module")
def spa(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    dist: Path = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_text(INDEX)
    (dist / "assets").mkdir()
    (dist / ASSET).write_text("console.log('ancrage')")
    return TestClient(create_app(Settings(frontend_dist=dist)))


@pytest.mark.parametrize("path", ["/", "/chiffres", "/comites/3f0e3c9a", "/accessibilite?x=1"])
def test_routes_of_the_spa_answer_its_page_uncached(spa: TestClient, path: str) -> None:
    answer = spa.get(path)

    assert answer.status_code == 200
    assert answer.text == INDEX
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == REVALIDATE


def test_hashed_assets_are_cached_for_a_year(spa: TestClient) -> None:
    answer = spa.get("/" + ASSET)

    assert answer.status_code == 200
    assert answer.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    assert "javascript" in answer.headers["content-type"]


@pytest.mark.parametrize("path", ["/assets/index-gone.js", "/favicon.ico", "/assets"])
def test_a_missing_file_is_a_404_not_the_page(spa: TestClient, path: str) -> None:
    answer = spa.get(path)

    assert answer.status_code == 404
    assert answer.text != INDEX


@pytest.mark.parametrize("path", ["/api", "/api/v2/committees", "/api/v1/nowhere", "/docs/x"])
def test_the_api_and_docs_paths_never_fall_back(spa: TestClient, path: str) -> None:
    answer = spa.get(path)

    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_api_and_its_docs_are_served_beside_it(spa: TestClient) -> None:
    assert spa.get("/api/v1/health").json() == {"status": "ok"}
    assert spa.get("/docs").headers["content-type"].startswith("text/html")
    assert spa.get("/docs").text != INDEX
    # A wrong method on an API path stays the API's 405, not the SPA's.
    assert spa.delete("/api/v1/health").status_code == 405


def test_without_a_build_only_the_api_is_served(tmp_path: Path) -> None:
    bare = TestClient(create_app(Settings(frontend_dist=tmp_path)))

    assert bare.get("/").status_code == 404
    assert bare.get("/api/v1/health").status_code == 200
