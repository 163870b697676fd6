"""How every GET answers: its body written once, from what its read returned, by the
documented schema's own compiled serialiser.

A route returns `respond(...)` (one object) or `respond_page(...)` (a page) instead of a model:
FastAPI would validate the model again, then serialise it in a worker thread. The bytes are
the schema's (`response_model` documents it), which tests/permissions/test_read_path.py checks for
every GET. The read itself runs through `api.db.Reader` (on the event loop on PostgreSQL)."""

from typing import Any

from fastapi import Response
from pydantic import BaseModel

from api.core.etags import set_etag

JSON = "application/json"


def json_body(schema: type[BaseModel], value: Any) -> bytes:
    """`value` (an instance of `schema`, an object with its attributes, or a dict of its
    fields) as `schema` writes it: validated once, unless it already is one, and serialised
    once."""
    if type(value) is not schema:
        value = schema.model_validate(value, from_attributes=True)
    # By alias, as FastAPI writes a response_model.
    body: bytes = value.__pydantic_serializer__.to_json(value, by_alias=True)
    return body


def respond(schema: type[BaseModel], value: Any, *, version: int | None = None) -> Response:
    """The answer of a GET of one object; with `version`, its ETag."""
    response = Response(json_body(schema, value), media_type=JSON)
    if version is not None:
        set_etag(response, version)
    return response


def respond_page(schema: type[BaseModel], listed: tuple[list[Any], str | None]) -> Response:
    """The answer of a list: a service's page (its items and the next cursor) as `schema`, a
    `Page` of the items' schema."""
    items, next_cursor = listed
    return respond(schema, {"items": items, "next_cursor": next_cursor})
