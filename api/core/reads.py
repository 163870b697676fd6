"""How every GET answers: its body written once, from what its read returned.

A route returns `respond(...)` (one object) or `respond_page(...)` (a page) instead of a model:
FastAPI would validate the model again, then serialise it in a worker thread. A page whose
items are rows already in the shape of the schema's items (plain values under exactly its
field names, as the members list reads them) is written as it is, with orjson; anything else
is validated once into the schema and written by its compiled serialiser. Either way the bytes
are the schema's (`response_model` documents it), which tests/permissions/test_read_path.py
checks for every GET. The read itself runs through `api.db.Reader` (on the event loop on
PostgreSQL)."""

from functools import lru_cache
from typing import Any, get_args

import orjson
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
    page = {"items": items, "next_cursor": next_cursor}
    if items and _are_rows_of(schema, items):
        try:
            # Validating a hundred rows into models would cost four times the writing.
            return Response(orjson.dumps(page, option=orjson.OPT_UTC_Z), media_type=JSON)
        except TypeError:
            pass  # a value orjson does not write (a model inside, a Decimal): the schema's way
    return respond(schema, page)


def _are_rows_of(schema: type[BaseModel], items: list[Any]) -> bool:
    names = _item_names(schema)
    return all(type(item) is dict and item.keys() == names for item in items)


@lru_cache(maxsize=256)
def _item_names(schema: type[BaseModel]) -> frozenset[str]:
    """The names a page's item is written with (by alias)."""
    (item,) = get_args(schema.model_fields["items"].annotation)
    return frozenset(
        field.serialization_alias or field.alias or name
        for name, field in item.model_fields.items()
    )
