"""`make bench-serve` (part of `make bench`): `ancrage serve --workers 2` on a PostgreSQL cluster
this run starts itself, under a mixed load (reads, writes with If-Match, logins; 16
connections, 60 s), then under a write load while the cluster is killed (`pg_ctl -m immediate
stop`) and started again. A scenario, not a test: it prints what it saw and writes
bench/results/serve.json.

Checked after the crash: every write the server acknowledged (a 201 and its id) is in the
database, every failure while the database was down was a 503 (no 500, no connection error),
and how long after the database came back the first write succeeded.

Last, a login flood: 40 wrong logins at once (unknown accounts) against one worker, its memory
sampled from /proc: argon2 runs a few at a time (PASSWORD_HASH_CONCURRENCY), so it stays flat."""

import argparse
import asyncio
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlmodel import Session

import api.tables  # noqa: F401  (every table, so foreign keys across domains resolve)
from api.auth.models import RoleGrant, User
from api.auth.passwords import hash_password
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.db import build_engine
from bench import generate
from tests.database import migrate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PASSWORD = "bench password, twelve+"  # noqa: S105 (the bench's own throwaway accounts)
CONNECTIONS = 16


@dataclass
class Call:
    kind: str
    started: float
    ended: float
    status: int  # 0: no HTTP answer (connection refused, reset, timeout)
    error: str = ""
    created: str | None = None


@dataclass
class Cluster:
    """A PostgreSQL cluster of this run's own, in a temporary directory."""

    bin: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def run(self, *command: str) -> None:
        # PostgreSQL refuses to run as root: as its own user then.
        sudo = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*sudo, *command], check=True, capture_output=True)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                 "--auth=trust", "-E", "UTF8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c max_connections=200 -c shared_buffers=128MB"
        )
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                 "-l", str(self.root / "postgres.log"), "-w", "-t", "60", "start")  # fmt: skip

    def crash(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise SystemExit("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return Path(found[-1]).parent


@contextmanager
def cluster() -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="ancrage-bench-pg-"))
    each = Cluster(_postgres_bin(), root, _free_port())
    try:
        each.init()
        each.start()
        yield each
    finally:
        with suppress(subprocess.CalledProcessError):  # already down
            each.stop()
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Seed:
    committee_ids: list[str]
    person_ids: list[str]
    admin_token: str
    logins: list[str]


def seed(url: str, *, accounts: int) -> Seed:
    admin_engine = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.exec_driver_sql("CREATE DATABASE bench")
    admin_engine.dispose()
    engine = build_engine(url)
    migrate(engine, "head")
    with engine.begin() as connection:
        committee_ids = generate.committees(connection, count=20)
        generate.participation(
            connection, committee_ids=committee_ids, people=5_000, memberships=6_000,
            big_committee_members=1_050,
        )  # fmt: skip
        person_ids = list(
            connection.execute(text("SELECT id FROM people ORDER BY id LIMIT 500")).scalars()
        )
    password_hash = hash_password(PASSWORD)  # one hash for every account: hashing is slow
    logins = [f"bench-login-{n}@example.org" for n in range(accounts)]
    with Session(engine) as session:
        admin = User(email="bench-admin@example.org", display_name="Bench",
                     search_key="bench-admin@example.org", password_hash=password_hash)  # fmt: skip
        session.add(admin)
        session.flush()
        session.add(RoleGrant(user_id=admin.id, role="network_admin", committee_id=None))
        for email in logins:
            session.add(User(email=email, display_name=email, search_key=email,
                             password_hash=password_hash))  # fmt: skip
        session.commit()
        # Long enough for the whole run: no refresh in the middle of the measures.
        settings = Settings(database_url=url, access_token_ttl_seconds=3600)
        token = issue_access_token(settings, admin.id)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    return Seed([str(c) for c in committee_ids], [str(p) for p in person_ids], token, logins)


@dataclass
class Served:
    base: str
    pid: int  # with one worker, the worker itself


@contextmanager
def server(url: str, *, workers: int, log: Path) -> Iterator[Served]:
    port = _free_port()
    # Pools within the bench cluster's 200 connections: 2 workers x (2 x 30 + 20).
    env = os.environ | {"DATABASE_URL": url, "ENVIRONMENT": "development",
                        "DATABASE_POOL_SIZE": "20", "DATABASE_READ_POOL_SIZE": "10",
                        "ACCESS_TOKEN_TTL_SECONDS": "3600"}  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers",
             str(workers), "--no-access-log"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            # Every worker started (one answering /health/ready is not enough: the other, still
            # importing the app, would take its CPU from the measures).
            started = log.read_text().count("Application startup complete")
            try:
                if started == workers and httpx.get(f"{base}/health/ready").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield Served(base, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=60)


@dataclass
class Worker:
    """One of the 16 connections' loops: its own person to PATCH (so no 412 between them)."""

    n: int
    person_id: str | None = None
    etag: str | None = None
    calls: list[Call] = field(default_factory=list)


class Load:
    def __init__(self, client: httpx.AsyncClient, data: Seed, *, login_every: float) -> None:
        self.client = client
        self.data = data
        self.admin = {"Authorization": f"Bearer {data.admin_token}"}
        self.login_every = login_every
        self.next_login = time.monotonic()
        self.logins = 0
        self.counter = 0

    async def call(
        self, worker: Worker, kind: str, method: str, path: str, **kwargs: Any
    ) -> httpx.Response | None:
        started = time.monotonic()
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.HTTPError as failure:
            worker.calls.append(Call(kind, started, time.monotonic(), 0, type(failure).__name__))
            return None
        ok = response.status_code < 300
        created = response.json()["id"] if ok and kind == "create" else None
        error = "" if ok else response.text[:200]
        worker.calls.append(
            Call(kind, started, time.monotonic(), response.status_code, error, created)
        )
        return response

    async def create(self, worker: Worker) -> None:
        self.counter += 1
        body = {"first_name": "Bench", "last_name": f"Writer {worker.n}-{self.counter}",
                "category": "volunteer"}  # fmt: skip
        response = await self.call(worker, "create", "POST", "/people", json=body,
                                   headers=self.admin)  # fmt: skip
        if response is not None and response.status_code == 201:
            worker.person_id, worker.etag = response.json()["id"], response.headers["ETag"]

    async def patch(self, worker: Worker) -> None:
        if worker.person_id is None or worker.etag is None:
            return await self.create(worker)
        self.counter += 1
        response = await self.call(
            worker, "patch", "PATCH", f"/people/{worker.person_id}",
            json={"phone": f"06{self.counter % 100_000_000:08d}"},
            headers=self.admin | {"If-Match": worker.etag},
        )  # fmt: skip
        if response is not None and response.status_code == 200:
            worker.etag = response.headers["ETag"]
        return None

    async def login(self, worker: Worker) -> None:
        email = self.data.logins[self.logins % len(self.data.logins)]
        self.logins += 1
        form = {"grant_type": "password", "username": email, "password": PASSWORD}
        await self.call(worker, "login", "POST", "/auth/token", data=form)

    async def read(self, worker: Worker, n: int) -> None:
        data = self.data
        if n % 3 == 0:
            path = f"/committees/{data.committee_ids[0]}/members?limit=100"
            await self.call(worker, "read-members", "GET", path, headers=self.admin)
        elif n % 3 == 1:
            await self.call(worker, "read-committees", "GET", "/committees?limit=50",
                            headers=self.admin)  # fmt: skip
        else:
            path = f"/people/{data.person_ids[n % len(data.person_ids)]}"
            await self.call(worker, "read-person", "GET", path, headers=self.admin)

    async def mixed(self, worker: Worker, until: float) -> None:
        """Six reads, two PATCHes and two creations in ten calls; a login when one is due."""
        n = worker.n
        while time.monotonic() < until:
            n += 1
            if time.monotonic() >= self.next_login:
                self.next_login += self.login_every
                await self.login(worker)
            elif n % 10 < 6:
                await self.read(worker, n)
            elif n % 10 < 8:
                await self.patch(worker)
            else:
                await self.create(worker)

    async def writes(self, worker: Worker, until: float) -> None:
        """Creations only; after a failure a short pause (not the server's Retry-After: the
        bench measures how soon the server itself serves again)."""
        while time.monotonic() < until:
            await self.create(worker)
            if worker.calls[-1].status not in (201,):
                await asyncio.sleep(0.1)


async def _run(base: str, data: Seed, seconds: float, scenario: str, login_every: float,
               during: Callable[[], None] | None = None) -> list[Call]:  # fmt: skip
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        load = Load(client, data, login_every=login_every)
        workers = [Worker(n) for n in range(CONNECTIONS)]
        until = time.monotonic() + seconds
        loop = load.mixed if scenario == "mixed" else load.writes
        tasks = [asyncio.create_task(loop(w, until)) for w in workers]
        if during is not None:
            await asyncio.to_thread(during)
        await asyncio.gather(*tasks)
    return [call for w in workers for call in w.calls]


def _percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 1000) - 1]


def summarise_mixed(calls: list[Call], seconds: float) -> dict[str, Any]:
    ms = [(c.ended - c.started) * 1000 for c in calls]
    errors = [c for c in calls if not 200 <= c.status < 300]
    by_kind: dict[str, Any] = {}
    for kind in sorted({c.kind for c in calls}):
        each = [(c.ended - c.started) * 1000 for c in calls if c.kind == kind]
        by_kind[kind] = {"requests": len(each), "p50_ms": round(_percentile(each, 0.5), 1),
                         "p99_ms": round(_percentile(each, 0.99), 1)}  # fmt: skip
    return {
        "seconds": seconds,
        "requests": len(calls),
        "requests_per_second": round(len(calls) / seconds, 1),
        "errors": len(errors),
        "error_samples": [asdict(c) for c in errors[:5]],
        "p50_ms": round(_percentile(ms, 0.5), 1),
        "p99_ms": round(_percentile(ms, 0.99), 1),
        "by_kind": by_kind,
    }


@dataclass
class Outage:
    crashed_at: float = 0.0
    back_at: float = 0.0


def summarise_fault(calls: list[Call], outage: Outage, url: str) -> dict[str, Any]:
    acknowledged = [c.created for c in calls if c.status == 201 and c.created is not None]
    engine = create_engine(url)
    with engine.connect() as connection:
        found = set(
            connection.execute(
                text("SELECT id::text FROM people WHERE id::text = ANY(:ids)"),
                {"ids": acknowledged},
            ).scalars()
        )
    engine.dispose()
    failed = [c for c in calls if c.status != 201]
    statuses = Counter(str(c.status) if c.status else f"no answer ({c.error})" for c in failed)
    # Those that ended after the crash and started before the database was back, and its
    # first success after that.
    down = [c for c in failed if c.ended >= outage.crashed_at and c.started <= outage.back_at]
    after = sorted(
        c.ended for c in calls if c.status == 201 and c.started >= outage.crashed_at
    )  # fmt: skip
    first_success = after[0] - outage.back_at if after else None
    return {
        "writes_acknowledged": len(acknowledged),
        "acknowledged_missing": len(set(acknowledged) - found),
        "failures": dict(statuses),
        "failures_while_down": len(down),
        "failures_while_down_not_503": sum(c.status != 503 for c in down),
        "failures_before_the_crash": sum(c.ended < outage.crashed_at for c in failed),
        # A pool whose connections predate the crash and that nothing used while the database
        # was down finds one dead connection after the restart: that request is a 503, and the
        # pool reconnects (no pre-ping: it would cost a round trip per request).
        "failures_after_restart": dict(
            Counter(str(c.status) for c in failed if c.started > outage.back_at)
        ),
        "database_down_seconds": round(outage.back_at - outage.crashed_at, 2),
        "first_success_after_restart_seconds": (
            round(first_success, 2) if first_success is not None else None
        ),
        "error_samples": [asdict(c) for c in failed if c.status not in (503,)][:5],
    }


def _rss_mib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise SystemExit(f"no memory figure for process {pid}")


def login_flood(served: Served, *, logins: int) -> dict[str, Any]:
    """`logins` wrong passwords at once, each for another unknown account (so the account
    throttle does not refuse them before the hash): the worker's peak memory while they run."""
    before = _rss_mib(served.pid)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mib(served.pid))
            time.sleep(0.05)

    async def flood() -> list[int]:
        async with httpx.AsyncClient(timeout=120) as client:
            forms = [
                {"grant_type": "password", "username": f"flood{n}@bench.invalid", "password": "x"}
                for n in range(logins)
            ]
            answers = await asyncio.gather(
                *(client.post(f"{served.base}/auth/token", data=form) for form in forms)
            )
        return [answer.status_code for answer in answers]

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        statuses = asyncio.run(flood())
    finally:
        done.set()
        sampler.join()
    return {
        "logins": logins,
        "rss_before_mib": before,
        "rss_peak_mib": peak[0],
        "statuses": dict(sorted(Counter(statuses).items())),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve")
    parser.add_argument("--seconds", type=int, default=60, help="the mixed load's length")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--down", type=float, default=5.0, help="seconds the database is down")
    parser.add_argument("--accounts", type=int, default=20, help="login accounts, in turn")
    parser.add_argument("--login-every", type=float, default=1.0, help="seconds between logins")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)

    with cluster() as pg:
        url = pg.url("bench")
        data = seed(url, accounts=args.accounts)
        with server(url, workers=args.workers, log=RESULTS / "serve-server.log") as served:
            base = served.base
            # A warm-up whose figures are not kept: pools open, statements get prepared.
            asyncio.run(_run(base, data, 10, "mixed", args.login_every))
            calls = asyncio.run(_run(base, data, args.seconds, "mixed", args.login_every))
            mixed = summarise_mixed(calls, args.seconds)

            outage = Outage()

            def crash_and_restart() -> None:
                time.sleep(5)
                outage.crashed_at = time.monotonic()
                pg.crash()
                time.sleep(args.down)
                pg.start()  # returns once the cluster accepts connections (-w)
                outage.back_at = time.monotonic()

            calls = asyncio.run(
                _run(base, data, 15 + args.down, "writes", args.login_every, crash_and_restart)
            )
            fault = summarise_fault(calls, outage, url)
        with server(url, workers=1, log=RESULTS / "serve-flood.log") as served:
            flood = login_flood(served, logins=40)

    report = {
        "mixed": mixed,
        "fault": fault,
        "login_flood": flood,
        "workers": args.workers,
        "connections": CONNECTIONS,
    }
    (RESULTS / "serve.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\n`ancrage serve --workers {args.workers}`, {CONNECTIONS} connections")
    print(
        f"mixed load, {args.seconds} s: {mixed['requests']} requests "
        f"({mixed['requests_per_second']} req/s), {mixed['errors']} errors, "
        f"p50 {mixed['p50_ms']} ms, p99 {mixed['p99_ms']} ms"
    )
    for kind, figures in mixed["by_kind"].items():
        print(
            f"  {kind:<16}{figures['requests']:>7}  p50 {figures['p50_ms']:>6} ms"
            f"  p99 {figures['p99_ms']:>6} ms"
        )
    print(
        f"database killed (pg_ctl -m immediate stop) for {fault['database_down_seconds']} s "
        f"under writes: {fault['writes_acknowledged']} writes acknowledged, "
        f"{fault['acknowledged_missing']} missing afterwards; failures {fault['failures']} "
        f"({fault['failures_while_down_not_503']} while down were not a 503; "
        f"{fault['failures_before_the_crash']} before the crash, after the restart "
        f"{fault['failures_after_restart']}); first success "
        f"{fault['first_success_after_restart_seconds']} s after the database was back"
    )
    print(
        f"login flood, {flood['logins']} wrong logins at once on one worker: memory "
        f"{flood['rss_before_mib']} MiB before, peak {flood['rss_peak_mib']} MiB; answers "
        f"{flood['statuses']} in {flood['seconds']} s"
    )
    for sample in mixed["error_samples"] + fault["error_samples"]:
        print(f"  error: {sample}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
