import json
from pathlib import Path

from api.main import app

COMMITTED = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


def test_the_committed_openapi_document_is_current() -> None:
    assert COMMITTED.is_file(), "run `make openapi`"
    assert json.loads(COMMITTED.read_text()) == app.openapi(), "stale: run `make openapi`"


def test_every_operation_has_a_stable_id_and_documents_its_problems() -> None:
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert "_" not in operation["operationId"], operation["operationId"]


def test_every_schema_has_its_own_name() -> None:
    # Two models of one name in two modules become `api__x__schemas__Name` keys with one title:
    # generators name types by title and drop both (the members list lost its types that way).
    schemas = app.openapi()["components"]["schemas"]
    titles = [schema.get("title", name) for name, schema in schemas.items()]

    assert [name for name in schemas if "__" in name] == []
    assert sorted(t for t in set(titles) if titles.count(t) > 1) == []
