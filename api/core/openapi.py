"""The OpenAPI document tells the truth about errors: every one is a `Problem`, served as
`application/problem+json` (FastAPI's default documents 422s as plain JSON), whose `code` is one
of `ProblemCode`, the codes of the error tree's classes."""

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from api.core import etags
from api.core.problems import (
    PreconditionRequired,
    Problem,
    ServiceUnavailable,
    problem_codes,
    problem_content,
)

# Any write may wait too long for the database's lock (a read never takes it), and any
# operation may find the database unreachable for a while.
_BUSY = {
    "description": "The database is busy with other writes, or cannot be reached: retry after "
    "`Retry-After` seconds",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before sending the same request again.",
            "required": True,
            "schema": {"type": "integer", "minimum": 0},
        }
    },
    **problem_content(),
}


# A PATCH or a DELETE that reads `If-Match` requires it (`etags.require_match`); the route reads
# it as optional so that the service, not the framework, refuses its absence (after a 422).
_REQUIRES_IF_MATCH = ("patch", "delete")


def _document_if_match(method: str, operation: dict[str, Any]) -> None:
    """`If-Match` as a string of its format, required (with its 428) on PATCH and DELETE."""
    for parameter in operation.get("parameters", ()):
        if parameter["in"] != "header" or parameter["name"] != "If-Match":
            continue
        parameter["schema"] = {
            "type": "string",
            "title": "If-Match",
            "pattern": etags.PATTERN,
            "examples": [etags.etag(3), etags.ANY],
        }
        if method in _REQUIRES_IF_MATCH:
            parameter["required"] = True
            operation["responses"][str(PreconditionRequired.status)] = {
                "description": "If-Match is missing",
                **problem_content(),
            }


# Bodies a route reads itself (an import's JSON rows beside its CSV file), documented in
# `openapi_extra`: their schemas join the components (`body_schema`).
_BODIES: list[type[BaseModel]] = []


def body_schema(model: type[BaseModel]) -> dict[str, str]:
    """A reference to `model`'s schema, which the document's components will hold."""
    _BODIES.append(model)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = FastAPI.openapi(app)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        schema["components"].setdefault("responses", {})["ServiceUnavailable"] = _BUSY
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem.pop("$defs", {}))
        problem["properties"]["code"] = {
            "$ref": "#/components/schemas/ProblemCode",
            "description": problem["properties"]["code"]["description"],
        }
        components["Problem"] = problem
        for model in _BODIES:
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in body.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components.setdefault(model.__name__, body)
        components["ProblemCode"] = {
            "title": "ProblemCode",
            "type": "string",
            "enum": problem_codes(),
            "description": "Each kind of problem the API answers; read from its error classes.",
        }
        for path_item in schema["paths"].values():
            for method, operation in path_item.items():
                responses = operation.setdefault("responses", {})
                _document_if_match(method, operation)
                responses.setdefault(
                    str(ServiceUnavailable.status),
                    {"$ref": "#/components/responses/ServiceUnavailable"},
                )
                # Every operation refuses an unknown query parameter (`core.routers`).
                responses["422"] = {"description": "Invalid input", **problem_content()}
                if "requestBody" in operation:
                    responses.setdefault(
                        "400", {"description": "Unreadable body", **problem_content()}
                    )
                    responses.setdefault(
                        "413", {"description": "Body too large", **problem_content()}
                    )
                    responses.setdefault(
                        "415", {"description": "Unsupported media type", **problem_content()}
                    )
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
