"""Matrix rows: a committee's members imported from a file. Personal data written in bulk:
the committee's admins, network_admin and a machine client bound to its département with
members:write; foreign callers do not see the private committee."""

from typing import Any

from tests.imports.factories import a_row
from tests.permissions.world import Row, World, committee_scoped


def _rows(_w: World) -> dict[str, Any]:
    return {"rows": [a_row(1)]}


ROWS: list[Row] = [
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/members/import",
        committee_scoped(200, admin=True, member=False),
        json=_rows,
    ),
]
