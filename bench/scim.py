"""The SCIM Users list at national scale: a machine client bound to the largest committee
(100,050 members) with `members:read` asks for pages of 1,000 (`count=1000`, the maximum),
the first and one deep in the list (`startIndex=50001`), then a network admin the first page of
everyone; after a warm-up, 30 requests each, alternated, medians. Target (issue 17): a page of
1,000 under 200 ms median."""

import statistics
import time
import uuid
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from api.auth.permissions import ClientScope
from api.auth.tokens import issue_access_token
from api.clients import service as clients
from api.clients.schemas import ClientCreate
from api.config import Settings

TARGET_MS = 200.0
REPEATS = 30
COUNT = 1000


def client_token(engine: Engine, settings: Settings, *, committee_id: uuid.UUID) -> str:
    """A machine client's token, bound to the committee, as `client_credentials` gives it."""
    with Session(engine) as session:
        data = ClientCreate(
            name=f"bench-scim-{uuid.uuid4().hex[:8]}",
            scopes=[ClientScope.members_read],
            committee_ids=[committee_id],
        )
        created = clients.register(session, data=data, actor_id=None)
        session.commit()
    return issue_access_token(settings, created.id, client=True)


def run(base: str, *, client: str, admin: str) -> dict[str, Any]:
    """`base`: the server's root URL."""
    users = f"{base}/scim/v2/Users"
    pages = {
        "client, page 1": (client, {"count": COUNT}),
        "client, startIndex 50001": (client, {"count": COUNT, "startIndex": 50_001}),
        "network admin, page 1": (admin, {"count": COUNT}),
    }
    timings: dict[str, list[float]] = {label: [] for label in pages}
    with httpx.Client(timeout=60) as http:

        def elapsed_ms(token: str, params: dict[str, Any]) -> float:
            started = time.perf_counter()
            response = http.get(users, params=params, headers={"Authorization": f"Bearer {token}"})
            response.raise_for_status()
            assert len(response.json()["Resources"]) == COUNT
            return (time.perf_counter() - started) * 1000

        for token, params in pages.values():  # warm-up: statements prepared, pages cached
            elapsed_ms(token, params)
        for _ in range(REPEATS):
            for label, (token, params) in pages.items():
                timings[label].append(elapsed_ms(token, params))
    return {
        "target_ms": TARGET_MS,
        "count": COUNT,
        "median_ms": {label: statistics.median(each) for label, each in timings.items()},
        "p90_ms": {label: statistics.quantiles(each, n=10)[-1] for label, each in timings.items()},
    }


def print_table(report: dict[str, Any]) -> None:
    print(f"\n{'SCIM Users, count=1000':<28}{'p50 ms':>10}{'p90 ms':>10}")
    for label, median in report["median_ms"].items():
        print(f"{'  ' + label:<28}{median:>10.1f}{report['p90_ms'][label]:>10.1f}")
    worst = max(report["median_ms"].values())
    met = "met" if worst < TARGET_MS else "NOT met"
    print(f"slowest median {worst:.1f} ms (target < {TARGET_MS:.0f} ms: {met})")
