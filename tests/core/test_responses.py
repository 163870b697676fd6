import uuid

import pytest
from starlette.requests import Request

from api.core.responses import location
from api.main import app


def _request(root_path: str = "") -> Request:
    return Request({"type": "http", "app": app, "root_path": root_path, "headers": []})


def test_location_is_the_path_of_the_named_operation() -> None:
    meeting_id, motion_id = uuid.uuid4(), uuid.uuid4()
    path = location(_request(), "votes-get", meeting_id=meeting_id, motion_id=motion_id)
    assert path == f"/api/v1/meetings/{meeting_id}/votes/{motion_id}"


def test_location_keeps_the_root_path_the_app_is_served_under() -> None:
    assert location(_request("/ancrage"), "tags-list") == "/ancrage/api/v1/tags"


def test_location_refuses_missing_or_unknown_parameters_and_operations() -> None:
    with pytest.raises(ValueError, match="meeting_id"):
        location(_request(), "votes-get", motion_id=uuid.uuid4())
    with pytest.raises(LookupError):
        location(_request(), "no-such-operation")
