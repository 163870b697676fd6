"""The change feed drained over HTTP: 100,000 events written in the outbox the way the
services write them (one transaction's events together, each with its writer's transaction id),
then read to the end by a network admin following `next_cursor`, pages of 500, timed from the
first request to the empty page that says it is caught up. Target (issue 17): over 20,000
events/s."""

import random
import statistics
import time
import uuid
from dataclasses import asdict, dataclass
from typing import Any

import httpx
import orjson
from sqlalchemy import Engine, func, insert, select

from api.changes.catalogue import READ_BY
from api.core.clock import utcnow
from api.outbox.models import OutboxEvent

TARGET = 20_000  # events/s
PER_TRANSACTION = 50


@dataclass
class Drain:
    events: int
    seconds: float
    events_per_second: float
    pages: int


def fill(engine: Engine, *, committee_ids: list[uuid.UUID], events: int, seed: int = 23) -> int:
    """Write events until the outbox holds at least `events`; how many it holds."""
    rng = random.Random(seed)
    types = [t for ts in READ_BY.values() for t in ts]
    with engine.connect() as connection:
        held = connection.execute(select(func.count()).select_from(OutboxEvent)).scalar_one()
    now = utcnow()
    while held < events:
        # A transaction a batch, as a request writes its events: each gets its writer's
        # transaction id (the column's default, `current_xact`).
        with engine.begin() as connection:
            rows = [_event(rng, types, committee_ids, now) for _ in range(PER_TRANSACTION)]
            connection.execute(insert(OutboxEvent), rows)
        held += PER_TRANSACTION
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE outbox_events")
    return held


def _event(
    rng: random.Random, types: list[str], committee_ids: list[uuid.UUID], now: Any
) -> dict[str, Any]:
    kind = rng.choice(types)
    return {
        "type": kind,
        "occurred_at": now,
        "committee_id": rng.choice(committee_ids),
        "payload": {"id": str(uuid.UUID(int=rng.getrandbits(128))), "status": "active"},
    }


def drain(base: str, *, token: str, limit: int = 500) -> Drain:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(headers=headers, timeout=60) as client:
        started = time.perf_counter()
        cursor: str | None = None
        events = pages = 0
        while True:
            params = {"limit": str(limit)} | ({"cursor": cursor} if cursor else {})
            response = client.get(f"{base}/changes", params=params)
            response.raise_for_status()
            page = orjson.loads(response.content)
            pages += 1
            if not page["items"]:
                break
            events += len(page["items"])
            cursor = page["next_cursor"]
        seconds = time.perf_counter() - started
    return Drain(events, seconds, events / seconds, pages)


def run(base: str, *, token: str, runs: int = 3) -> dict[str, Any]:
    """A drain to warm up (the server's first statements are compiled, the pages read into
    PostgreSQL's cache), then `runs` drains measured."""
    drain(base, token=token)
    drains = [drain(base, token=token) for _ in range(runs)]
    median = statistics.median(d.events_per_second for d in drains)
    return {
        "target": TARGET,
        "median_events_per_second": median,
        "runs": [asdict(d) for d in drains],
    }


def print_table(report: dict[str, Any]) -> None:
    print(f"\n{'change feed drain':<28}{'events':>8}{'s':>8}{'events/s':>10}{'pages':>7}")
    for n, d in enumerate(report["runs"], start=1):
        print(
            f"{'  run ' + str(n):<28}{d['events']:>8}{d['seconds']:>8.2f}"
            f"{d['events_per_second']:>10.0f}{d['pages']:>7}"
        )
    met = "met" if report["median_events_per_second"] > TARGET else "NOT met"
    print(f"median {report['median_events_per_second']:.0f} events/s (target > {TARGET}: {met})")
