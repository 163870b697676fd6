"""`python -m bench --only stats`: each /stats endpoint timed over HTTP on the national-scale
database (one client, one request at a time: a script or the dashboard asking), against the
bare time of its SQL (the statements its service runs, timed at the driver).

Targets (issue 15): median under 150 ms, p95 under 300 ms, and no more than 3× the bare SQL."""

import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial
from typing import Any

import httpx
from sqlalchemy import Engine, event
from sqlmodel import Session

from api.auth.permissions import Subject
from api.stats import (
    service_composition,
    service_liaison,
    service_network,
    service_participation,
    service_programmes,
)
from api.stats.routes import series
from api.stats.schemas import GroupBy, Step
from api.stats.scopes import Counted, Scope
from bench.wrk import serving

MEDIAN_MS, P95_MS, OVER_SQL = 150.0, 300.0, 3.0


@dataclass
class Timing:
    operation: str
    url: str
    median_ms: float
    p95_ms: float
    sql_ms: float
    met: bool


def _sql_ms(engine: Engine, read: Callable[[Session], Any], repeats: int) -> float:
    """Median over `repeats` of the time the statements of `read` spend in the driver."""
    spent: list[float] = [0.0]  # the warm-up read counts here, and is dropped
    started: dict[str, float] = {}

    def before(*_: Any) -> None:
        started["at"] = time.perf_counter()

    def after(*_: Any) -> None:
        spent[-1] += time.perf_counter() - started["at"]

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        with Session(engine) as session:
            read(session)  # prepared, cached
            totals = []
            for _ in range(repeats):
                spent.append(0.0)
                read(session)
                totals.append(spent[-1] * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return statistics.median(totals)


def run(
    database_url: str, engine: Engine, *, token: str, admin_id: uuid.UUID, requests: int
) -> list[dict[str, Any]]:
    admin = Subject(user_id=admin_id, email="bench", is_network_admin=True)
    today = date.today()
    year_ago = date(today.year - 1, today.month, 1)
    network = partial(service_network.network_figures, scope=Scope.published, subject=admin)
    cases: list[tuple[str, str, Callable[[Session], Any]]] = [
        ("stats-network", "/stats/network", partial(network, days=[today])),
        (
            "stats-network-timeline",
            "/stats/network/timeline?from=2019-01-01&step=month",
            partial(network, days=series(date(2019, 1, 1), today, Step.month)),
        ),
        (
            "stats-programmes",
            "/stats/programmes",
            partial(service_programmes.programme_figures, subject=admin, counted=Counted()),
        ),
        (
            "stats-participation",
            f"/stats/participation?from={year_ago}&to={today}",
            partial(
                service_participation.participation_figures,
                subject=admin,
                counted=Counted(),
                body_kind=None,
                on=today,
                start=year_ago,
                end=today,
            ),
        ),
        (
            "stats-participation-by-committee",
            f"/stats/participation?from={year_ago}&to={today}&group_by=committee",
            partial(
                service_participation.participation_figures,
                subject=admin,
                counted=Counted(),
                body_kind=None,
                group_by=GroupBy.committee,
                on=today,
                start=year_ago,
                end=today,
            ),
        ),
        (
            "stats-composition",
            "/stats/composition",
            partial(
                service_composition.composition_figures,
                subject=admin,
                counted=Counted(),
                on=today,
                below_target_only=False,
            ),
        ),
        (
            "stats-liaison",
            "/stats/liaison",
            partial(service_liaison.liaison_figures, subject=admin, counted=Counted()),
        ),
    ]
    timings = []
    with serving(database_url, workers=1) as base, httpx.Client(timeout=30) as client:
        headers = {"Authorization": f"Bearer {token}"}
        for operation, path, read in cases:
            for _ in range(3):  # warm-up: pools, prepared statements
                client.get(base + path, headers=headers).raise_for_status()
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(base + path, headers=headers).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            sql = _sql_ms(engine, read, repeats=min(requests, 20))
            met = median < MEDIAN_MS and p95 < P95_MS and median <= OVER_SQL * max(sql, 1.0)
            timings.append(Timing(operation, path, median, p95, sql, met))
    return [asdict(t) for t in timings]


def print_table(timings: list[dict[str, Any]]) -> None:
    print("\n| endpoint | median ms | p95 ms | bare SQL ms | × SQL | met |")
    print("|---|---|---|---|---|---|")
    for t in timings:
        print(
            f"| `{t['url']}` | {t['median_ms']:.1f} | {t['p95_ms']:.1f} | {t['sql_ms']:.1f} | "
            f"{t['median_ms'] / max(t['sql_ms'], 1.0):.1f} | {'yes' if t['met'] else 'no'} |"
        )
