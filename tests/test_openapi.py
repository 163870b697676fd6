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
