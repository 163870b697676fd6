"""PatchInput: a field may be left out; null only where its type admits None."""

import pytest
from pydantic import ValidationError

from api.core.schemas import Omittable, PatchInput


class _Patch(PatchInput):
    title: Omittable[str] = None
    tags: Omittable[list[str]] = None
    note: str | None = None


def test_omitted_fields_are_not_set() -> None:
    assert _Patch().model_dump(exclude_unset=True) == {}
    assert _Patch(title="x").model_dump(exclude_unset=True) == {"title": "x"}


def test_a_nullable_field_may_be_cleared() -> None:
    assert _Patch(note=None).model_dump(exclude_unset=True) == {"note": None}


def test_null_is_refused_for_each_omittable_field_by_name() -> None:
    with pytest.raises(ValidationError) as raised:
        _Patch.model_validate({"title": None, "tags": None, "note": None})

    errors = raised.value.errors()
    assert [e["loc"] for e in errors] == [("title",), ("tags",)]
    assert all(e["msg"] == "Value error, this field cannot be null" for e in errors)


def test_the_marker_leaves_the_schema_as_an_optional_field() -> None:
    schema = _Patch.model_json_schema()["properties"]
    assert schema["title"]["anyOf"] == schema["note"]["anyOf"]
    assert "required" not in _Patch.model_json_schema()
