"""`python -m bench --only gets`: every GET operation of the OpenAPI document, loaded alike.

Each operation's path is filled with real ids: the national-scale data for the members list
(the reference), and for the others a top-up in the bench database built by the permission
matrix's own scenes (tests/permissions: a private committee with its bodies, meetings,
programmes, votes, calls, seminars… through the test factories, which go through the services
or write rows as the app does). A page takes `limit=100`. Each operation answers 200 before it
is loaded (those that cannot are listed with why), as a network admin and, for an operation
without a security requirement, anonymously too. Ratios are to the members list measured at
the start and at the end of the same run, so the machine's drift cancels."""

import json
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.auth.models import User
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.outbox.models import OutboxEvent
from api.webhooks import service as webhooks
from api.webhooks.models import WebhookFeedPosition
from bench.wrk import RESULTS, ROOT, Figures, load, serving
from tests.permissions.world import Row, build_world, matrix_rows

OPENAPI = ROOT / "openapi" / "openapi.json"
LIST_TARGET = 0.8  # a page of 100 ≥ 0.8 × the members list's req/s
OBJECT_TARGET = 1.2  # a single object ≥ 1.2 ×
P99_TARGET_MS = 60.0
WORKERS_TARGET = 1.5  # two workers ≥ 1.5 × one on the members list


@dataclass
class Operation:
    operation_id: str
    path: str
    kind: str  # "list" or "object"
    public: bool  # no security requirement: loaded anonymously as well
    paged: bool  # takes `limit`: asked for 100


@dataclass
class Measure:
    operation_id: str
    path: str
    kind: str
    caller: str
    url: str
    items: int | None
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio: float
    target: float
    met: bool


def operations() -> list[Operation]:
    """Every GET of the OpenAPI document; a list is one whose answer holds `items` and whose
    path does not end with an id."""
    document = json.loads(OPENAPI.read_text())
    schemas = document["components"]["schemas"]
    found = []
    for path, methods in document["paths"].items():
        get = methods.get("get")
        if get is None:
            continue
        content = get["responses"]["200"]["content"]
        schema = next(iter(content.values()))["schema"]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        # A newsletter issue holds `items` too, but it is one object under its own id.
        listed = "items" in schema.get("properties", {}) and not path.endswith("}")
        kind = "list" if listed else "object"
        paged = any(p["name"] == "limit" for p in get.get("parameters", []))
        found.append(Operation(get["operationId"], path, kind, "security" not in get, paged))
    return found


def _matrix_gets() -> dict[str, Row]:
    rows = matrix_rows()
    return {row.path: row for row in rows if row.method == "GET" and row.field is None}


@dataclass
class Targets:
    network_admin: str  # the world's network admin, a user id
    fill: int
    params: dict[str, dict[str, str]]  # path → its parameters
    failed: dict[str, str]  # path → why no target could be made


TARGETS = RESULTS / "gets-targets.json"


def targets(engine: Engine, *, fill: int) -> Targets:
    """The targets a previous run made in this database (--reuse), or new ones: the factories
    number their names and addresses from 1 in each process, so a database is topped up once."""
    if TARGETS.exists():
        made = Targets(**json.loads(TARGETS.read_text()))
        with Session(engine) as session:
            admin = session.get(User, uuid.UUID(made.network_admin))
        if admin is not None:
            if made.fill != fill:
                print(f"gets: reusing the targets made with --gets-fill {made.fill}", flush=True)
            return made
    try:
        made = top_up(engine, fill=fill)
    except IntegrityError as error:
        raise SystemExit(
            "gets: this database was topped up by a run whose targets are gone; generate a"
            " fresh one (without --reuse)"
        ) from error
    # Planner statistics for the rows just added, as autovacuum would have them on a live
    # database: without them PostgreSQL takes 200-row tables for empty ones and picks plans
    # that cost several times the right one (the inbox's page: 8 ms instead of 3).
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")
    RESULTS.mkdir(parents=True, exist_ok=True)
    TARGETS.write_text(json.dumps(asdict(made), indent=2) + "\n")
    return made


def top_up(engine: Engine, *, fill: int) -> Targets:
    """A target for every GET of the matrix, in the bench database; each scene made `fill`
    times so that the lists beside it hold more than one row (the first one's ids are used)."""
    rows = _matrix_gets()
    # One world's machine client subscribes for every webhook row's `fill` scenes: more than a
    # client may keep (the cap guards a worker's reads, not the bench's data).
    webhooks.MAX_PER_CLIENT = max(webhooks.MAX_PER_CLIENT, 10 * fill)
    params: dict[str, dict[str, str]] = {}
    failed: dict[str, str] = {}
    with Session(engine) as session:
        world = build_world(session)
        for path, row in rows.items():
            for n in range(fill):
                try:
                    with session.begin_nested():
                        if "/deliveries" in path:
                            _fanned_out(session)
                        made = dict(row.params(world)) if row.params else {}
                except Exception as error:
                    if n == 0:
                        failed[path] = f"top-up: {type(error).__name__}: {error}"[:200]
                    break
                if n == 0:
                    params[path] = world.params() | dict(row.extra) | made
                if row.params is None:
                    break
        session.commit()
        return Targets(str(world.users["network_admin"].id), fill, params, failed)


def _fanned_out(session: Session) -> None:
    """The webhook worker's position at the outbox's newest event, as a running worker keeps
    it: a delivery's scene fans its one event out, which would otherwise wait behind the
    thousands the scenes before it wrote (the fan-out reads 200 at a time)."""
    newest = session.exec(
        select(col(OutboxEvent.xact_id), col(OutboxEvent.id))
        .where(col(OutboxEvent.xact_id).is_not(None))
        .order_by(col(OutboxEvent.xact_id).desc(), col(OutboxEvent.id).desc())
        .limit(1)
    ).first()
    if newest is not None:
        session.execute(
            update(WebhookFeedPosition)
            .where(col(WebhookFeedPosition.id) == 1)
            .values(xact_id=newest[0], event_id=newest[1])
        )


@contextmanager
def _timed(label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"{label}: {time.perf_counter() - started:.0f} s", flush=True)


def run(
    database_url: str,
    engine: Engine,
    settings: Settings,
    *,
    big_committee: uuid.UUID,
    seconds: int,
    warm_up: int,
    fill: int,
) -> dict[str, Any]:
    with _timed("gets: top-up"):
        made = targets(engine, fill=fill)
    token = issue_access_token(settings, uuid.UUID(made.network_admin))
    ops = operations()
    unmeasured: dict[str, str] = {}
    with serving(database_url, workers=1) as base:
        root = base.removesuffix("/api/v1")
        members = f"{base}/committees/{big_committee}/members?limit=100"
        plan: list[tuple[Operation, str, str | None, int | None]] = []
        with httpx.Client(timeout=30) as client:
            for op in ops:
                if op.path not in made.params:
                    unmeasured[op.operation_id] = made.failed.get(op.path, "no matrix row")
                    continue
                # The members list is the reference's own page: the big committee.
                params = dict(made.params[op.path])
                if op.operation_id == "memberships-list":
                    params["committee_id"] = str(big_committee)
                url = root + op.path.format(**params)
                if op.paged:
                    url += "?limit=100"
                callers: list[tuple[str, str | None]] = [("network_admin", token)]
                if op.public:
                    callers.append(("anonymous", None))
                for caller, who in callers:
                    headers = {"Authorization": f"Bearer {who}"} if who else {}
                    answer = client.get(url, headers=headers)
                    if answer.status_code != 200:
                        unmeasured[f"{op.operation_id} ({caller})"] = (
                            f"{answer.status_code}: {answer.text[:150]}"
                        )
                        continue
                    body = answer.json()
                    items = len(body["items"]) if op.kind == "list" else None
                    plan.append((op, url, who, items))

        def measure(url: str, token: str | None, scenario: str) -> Figures:
            return load(
                url, token=token, scenario=scenario, seconds=seconds, runs=1,
                warm_up_seconds=warm_up,
            )[0]  # fmt: skip

        with _timed(f"gets: {len(plan) + 2} loads"):
            before = measure(members, token, "members-list-100 (start)")
            figures = [
                (op, url, who, items, measure(url, who, op.operation_id))
                for op, url, who, items in plan
            ]
            after = measure(members, token, "members-list-100 (end)")
    reference = statistics.mean([before.requests_per_second, after.requests_per_second])
    with serving(database_url, workers=2) as base:
        two = measure(f"{base}/committees/{big_committee}/members?limit=100", token, "two workers")
    measures = []
    for op, url, who, items, f in figures:
        target = LIST_TARGET if op.kind == "list" else OBJECT_TARGET
        ratio = f.requests_per_second / reference
        measures.append(
            Measure(
                op.operation_id, op.path, op.kind, "network_admin" if who else "anonymous",
                url.split("/api/v1", 1)[1], items, f.requests_per_second, f.p50_ms, f.p99_ms,
                f.errors, ratio, target,
                ratio >= target and f.p99_ms <= P99_TARGET_MS and f.errors == 0,
            )
        )  # fmt: skip
    return {
        "seconds": seconds,
        "warm_up_seconds": warm_up,
        "fill": fill,
        "reference": {
            "start": asdict(before),
            "end": asdict(after),
            "requests_per_second": reference,
        },
        "two_workers": {
            "figures": asdict(two),
            "ratio": two.requests_per_second / reference,
            "target": WORKERS_TARGET,
            "met": two.requests_per_second / reference >= WORKERS_TARGET,
        },
        "measures": [asdict(m) for m in measures],
        "unmeasured": unmeasured,
    }


def print_table(report: dict[str, Any]) -> None:
    ref = report["reference"]
    print(
        f"\nreference: members list (limit 100) {ref['start']['requests_per_second']:.0f} req/s "
        f"at the start, {ref['end']['requests_per_second']:.0f} at the end "
        f"(p99 {ref['start']['p99_ms']:.0f} / {ref['end']['p99_ms']:.0f} ms); "
        f"ratios to their mean, {ref['requests_per_second']:.0f} req/s"
    )
    print(
        "\n| operation | path | caller | kind | items | req/s | p99 ms | ratio | target | met |"
        "\n|---|---|---|---|---|---|---|---|---|---|"
    )
    for m in report["measures"]:
        print(
            f"| {m['operation_id']} | `{m['path']}` | {m['caller']} | {m['kind']} "
            f"| {'' if m['items'] is None else m['items']} | {m['requests_per_second']:.0f} "
            f"| {m['p99_ms']:.0f} | {m['ratio']:.2f} | ≥ {m['target']}×, p99 ≤ 60 "
            f"| {'yes' if m['met'] else 'no'} |"
        )
    two = report["two_workers"]
    print(
        f"\ntwo workers, members list: {two['figures']['requests_per_second']:.0f} req/s "
        f"(p99 {two['figures']['p99_ms']:.0f} ms), {two['ratio']:.2f}× one worker "
        f"(target ≥ {WORKERS_TARGET}×: {'met' if two['met'] else 'not met'})"
    )
    met = sum(m["met"] for m in report["measures"])
    print(f"targets met: {met} of {len(report['measures'])}")
    for name, why in report["unmeasured"].items():
        print(f"not measured: {name}: {why}")
