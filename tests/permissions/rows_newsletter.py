"""Matrix rows: the network newsletter. Everyone logged in reads published issues;
network_admin drafts, edits and publishes them."""

from tests.newsletter.factories import make_issue, make_item
from tests.permissions.world import Row, World, everyone, network_only


def logged_in(status: int) -> dict[str, int]:
    return everyone(status) | {"anonymous": 401}


def _published(w: World) -> dict[str, str]:
    return {"issue_id": str(make_issue(w.session, status="published").id)}


def _draft(w: World) -> dict[str, str]:
    return {"issue_id": str(make_issue(w.session).id)}


def _item(w: World) -> dict[str, str]:
    issue = make_issue(w.session)
    return {"issue_id": str(issue.id), "item_id": str(make_item(w.session, issue=issue).id)}


ROWS: list[Row] = [
    Row("GET", "/api/v1/newsletter/issues", logged_in(200)),
    Row(
        "POST",
        "/api/v1/newsletter/issues",
        network_only(201),
        json=lambda w: {"number": 900, "title": "Lettre du réseau"},
    ),
    Row("GET", "/api/v1/newsletter/issues/{issue_id}", logged_in(200), params=_published),
    Row(
        "PATCH",
        "/api/v1/newsletter/issues/{issue_id}",
        network_only(200),
        json=lambda w: {"title": "Lettre de printemps"},
        params=_draft,
    ),
    Row("DELETE", "/api/v1/newsletter/issues/{issue_id}", network_only(204), params=_draft),
    Row("POST", "/api/v1/newsletter/issues/{issue_id}/publish", network_only(200), params=_draft),
    Row(
        "POST",
        "/api/v1/newsletter/issues/{issue_id}/items",
        network_only(201),
        json=lambda w: {"kind": "text", "title": "Le mot du président"},
        params=_draft,
    ),
    Row(
        "PATCH",
        "/api/v1/newsletter/issues/{issue_id}/items/{item_id}",
        network_only(200),
        json=lambda w: {"title": "Brève"},
        params=_item,
    ),
    Row(
        "DELETE",
        "/api/v1/newsletter/issues/{issue_id}/items/{item_id}",
        network_only(204),
        params=_item,
    ),
]
