"""Input bodies: PatchInput's omittable fields (null only where the type admits None), and
text limits as documented."""

import pytest
from pydantic import ValidationError

from api.core.schemas import Heading, Input, Omittable, PatchInput


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


class _Titled(Input):
    title: Heading
    subtitle: Omittable[Heading] = None


@pytest.mark.parametrize("field", ["title", "subtitle"])
def test_the_documented_max_length_holds_before_trimming(field: str) -> None:
    # maxLength 300 in the OpenAPI document: 301 characters sent are refused, even if trimming
    # would bring them under (a client validating against the schema expects the same).
    limit = _Titled.model_json_schema()["properties"]["title"]["maxLength"]
    body = {"title": "t", field: "\t" + "x" * limit}

    with pytest.raises(ValidationError) as raised:
        _Titled.model_validate(body)

    assert [e["loc"] for e in raised.value.errors()] == [(field,)]


def test_text_within_the_limit_is_trimmed() -> None:
    titled = _Titled.model_validate({"title": " " + "x" * 298 + " "})
    assert titled.title == "x" * 298
