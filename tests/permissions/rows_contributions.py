"""Matrix rows: contributions (*remontées*) and their lifecycle.

The own committee holds a draft and a submitted contribution: its members read the submitted
one but not the draft (404), its admins read and edit both; only network_admin moves a
submitted contribution on (its committee's admins get 403)."""

from collections.abc import Callable
from typing import Any

from tests.contributions.factories import make_contribution
from tests.permissions.world import USER_CALLERS, Row, World


def _own(status: str) -> Callable[[World], dict[str, str]]:
    def params(w: World) -> dict[str, str]:
        made = {s: make_contribution(w.session, committee=w.own, status=s)
                for s in ("draft", "submitted")}  # fmt: skip
        return {"contribution_id": str(made[status].id)}

    return params


def _new(w: World) -> dict[str, Any]:
    return {
        "committee_id": str(w.own.id),
        "kind": "production",
        "title": "Productions de la journée de contribution",
        "body": "Synthèse des ateliers.",
    }


def _statuses(**overrides: int) -> dict[str, int]:
    assert set(overrides) == set(USER_CALLERS) - {"anonymous"}
    return {"anonymous": 401, **overrides}


# Members read what was sent; drafts stay with the committee's admins.
READ_SUBMITTED = _statuses(network_admin=200, admin_own=200, admin_foreign=404,
                           member_own=200, member_foreign=404)  # fmt: skip
ADMINS_ON_DRAFT = _statuses(network_admin=200, admin_own=200, admin_foreign=404,
                            member_own=404, member_foreign=404)  # fmt: skip
ANY_LOGIN = dict.fromkeys(USER_CALLERS, 200) | {"anonymous": 401}
CREATE = _statuses(network_admin=201, admin_own=201, admin_foreign=403,
                   member_own=403, member_foreign=403)  # fmt: skip
# Sending is the committee's, moving on HCTS's: the own admin sees it but gets 403.
DECIDE = _statuses(network_admin=200, admin_own=403, admin_foreign=404,
                   member_own=403, member_foreign=404)  # fmt: skip
C = "/api/v1/contributions/{contribution_id}"

ROWS: list[Row] = [
    Row("GET", "/api/v1/contributions", ANY_LOGIN, params=_own("draft")),
    Row("POST", "/api/v1/contributions", CREATE, json=_new),
    Row("GET", C, READ_SUBMITTED, params=_own("submitted")),
    Row("PATCH", C, ADMINS_ON_DRAFT, params=_own("draft"), json=lambda w: {"title": "Révisé"}),
    Row(
        "DELETE",
        C,
        ADMINS_ON_DRAFT | {"network_admin": 204, "admin_own": 204},
        params=_own("draft"),
    ),
    Row("GET", C + "/transitions", ADMINS_ON_DRAFT, params=_own("draft")),
    Row(
        "POST",
        C + "/transitions",
        DECIDE,
        params=_own("submitted"),
        json=lambda w: {"to": "acknowledged"},
    ),
]
