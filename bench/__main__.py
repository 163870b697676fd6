"""`make bench`: build a fresh PostgreSQL database at national scale (200 committees, 100,000
people, 150,000 memberships, 50,000 deliverables, 20,000 contributions, 20,000 meetings and
1,000,000 attendance rows), serve it with one uvicorn worker, load it with wrk (16
connections, 10 s a scenario), walk the largest committee's members 1,000 pages deep, drain the
change feed, import a 10,000-row members file (bench/imports.py), print the figures and write
bench/results/*.json."""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from dataclasses import asdict, dataclass

import httpx
from sqlalchemy import Engine, make_url, text
from sqlmodel import Session, select

import api.tables  # noqa: F401  (every table, so foreign keys across domains resolve)
from api.auth.models import RoleGrant, User
from api.auth.passwords import hash_password
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.db import build_engine
from bench import feed, generate, gets, imports, scim, stats
from bench.wrk import RESULTS, Figures, load, median_run, serving
from tests.database import fresh_database_url, migrate


def _admin_token(
    engine: Engine, settings: Settings, *, committee_id: uuid.UUID | None = None
) -> str:
    """A network admin's token, or a committee admin's when `committee_id` is given."""
    with Session(engine) as session:
        # A fresh address each run: a reused database (--reuse) keeps the previous runs' users.
        email = f"bench-{committee_id or 'network'}-{uuid.uuid4().hex[:8]}@example.org"
        user = User(
            email=email,
            display_name="Bench",
            search_key=email,
            password_hash=hash_password("x" * 12),
        )
        session.add(user)
        session.flush()
        role = "committee_admin" if committee_id else "network_admin"
        session.add(RoleGrant(user_id=user.id, role=role, committee_id=committee_id))
        session.commit()
        return issue_access_token(settings, user.id)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--committees", type=int, default=200)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--memberships", type=int, default=150_000)
    parser.add_argument("--walk-pages", type=int, default=1000)
    parser.add_argument("--deliverables", type=int, default=50_000)
    parser.add_argument("--contributions", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--attendance", type=int, default=1_000_000)
    parser.add_argument(
        "--stats-requests", type=int, default=40, help="stats: requests per endpoint"
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per scenario")
    parser.add_argument(
        "--gets-seconds", type=int, default=3, help="gets: seconds of load per operation"
    )
    parser.add_argument("--gets-warm-up", type=int, default=1, help="gets: warm-up seconds")
    parser.add_argument(
        "--gets-fill",
        type=int,
        default=100,
        help="gets: times each target's scene is made, so that the lists beside it fill",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the database a previous run generated (faster iterations)",
    )
    parser.add_argument(
        "--only",
        choices=["committees", "members", "walk", "gets", "stats", "feed", "scim", "import"],
        action="append",
        help="run only these parts (repeatable); default: all of them",
    )
    parser.add_argument("--events", type=int, default=100_000, help="feed: events to drain")
    args = parser.parse_args()
    parts = set(
        args.only or ["committees", "members", "walk", "gets", "stats", "feed", "scim", "import"]
    )

    url, committee_ids = _database(args)
    engine = build_engine(url)
    settings = Settings(database_url=url)
    token = _admin_token(engine, settings)
    big = committee_ids[0]
    pilot = _admin_token(engine, settings, committee_id=big)
    engine.dispose()

    RESULTS.mkdir(parents=True, exist_ok=True)
    if parts & {"committees", "members", "walk"}:
        _routes(args, parts, url, big=big, token=token, pilot=pilot)
    if "gets" in parts:
        engine = build_engine(url)
        every_get = gets.run(
            url, engine, settings, big_committee=big, seconds=args.gets_seconds,
            warm_up=args.gets_warm_up, fill=args.gets_fill,
        )  # fmt: skip
        engine.dispose()
        (RESULTS / "gets.json").write_text(json.dumps(every_get, indent=2) + "\n")
        gets.print_table(every_get)
    if "stats" in parts:
        engine = build_engine(url, read_only=True)
        admin = _admin_id(engine)
        timings = stats.run(
            url, engine, token=issue_access_token(settings, admin), admin_id=admin,
            requests=args.stats_requests,
        )  # fmt: skip
        engine.dispose()
        (RESULTS / "stats.json").write_text(json.dumps(timings, indent=2) + "\n")
        stats.print_table(timings)
    if "feed" in parts:
        engine = build_engine(url)
        held = feed.fill(engine, committee_ids=committee_ids, events=args.events)
        engine.dispose()
        with serving(url, workers=1) as base:
            drained = feed.run(base, token=token) | {"events_in_outbox": held}
        (RESULTS / "feed.json").write_text(json.dumps(drained, indent=2) + "\n")
        feed.print_table(drained)
    if "scim" in parts:
        engine = build_engine(url)
        machine = scim.client_token(engine, settings, committee_id=big)
        engine.dispose()
        with serving(url, workers=1) as base:
            pages = scim.run(base.removesuffix("/api/v1"), client=machine, admin=token)
        (RESULTS / "scim.json").write_text(json.dumps(pages, indent=2) + "\n")
        scim.print_table(pages)
    if "import" in parts:
        engine = build_engine(url)
        with serving(url, workers=1) as base:
            imported = imports.run(base, engine, token=token)
        engine.dispose()
        (RESULTS / "import.json").write_text(json.dumps(imported, indent=2) + "\n")
        imports.print_table(imported)
    return 0


def _admin_id(engine: Engine) -> uuid.UUID:
    """A network admin of the bench database (the one `_admin_token` made)."""
    with Session(engine) as session:
        found = session.exec(
            select(RoleGrant.user_id).where(RoleGrant.role == "network_admin").limit(1)
        ).one()
        return found


def _routes(
    args: argparse.Namespace, parts: set[str], url: str, *, big: uuid.UUID, token: str, pilot: str
) -> None:
    """The committees and members lists, three runs each, and the cursor walk."""
    with serving(url, workers=1) as base:
        members = f"{base}/committees/{big}/members?limit=100"
        scenarios = {
            "committees": (f"{base}/committees?limit=50", token, "committees-list-50"),
            "members": (members, pilot, "members-list-100"),
        }
        runs = {
            scenario: load(target, token=who, scenario=scenario, seconds=args.seconds,
                           runs=args.runs)
            for part, (target, who, scenario) in scenarios.items()
            if part in parts
        }  # fmt: skip
        walk = cursor_walk(members, token=pilot, pages=args.walk_pages) if "walk" in parts else None

    figures = [median_run(each) for each in runs.values()]
    report = {
        "load": [asdict(f) for f in figures],
        "runs": {scenario: [asdict(f) for f in each] for scenario, each in runs.items()},
        "cursor_walk": asdict(walk) if walk else None,
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\n{'scenario':<28}{'req/s':>8}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for scenario, each in runs.items():
        for n, f in enumerate(each, start=1):
            _print_row(f"  run {n}", f)
        _print_row(f"{scenario} (median)", median_run(each))
    if walk is not None:
        print(
            f"\ncursor walk of {walk.pages} pages: page 1 {walk.first_ms:.1f} ms, "
            f"page {walk.pages} {walk.last_ms:.1f} ms (ratio {walk.ratio:.2f}; median of "
            f"{WALK_REPEATS} requests each, alternated)"
        )


def _print_row(label: str, f: Figures) -> None:
    print(
        f"{label:<28}{f.requests_per_second:>8.0f}{f.p50_ms:>10.1f}{f.p99_ms:>10.1f}{f.errors:>8}"
    )


WALK_REPEATS = 30


def _database(args: argparse.Namespace) -> tuple[str, list[uuid.UUID]]:
    """The bench database's URL and its committees, the big one first: generated afresh, or
    with --reuse the one a previous run left (generated when there is none)."""
    if args.reuse:
        base = make_url(args.pg_url)
        url = base.set(database=f"{base.database}_bench").render_as_string(hide_password=False)
        try:
            engine = build_engine(url)
            with engine.connect() as connection:
                ids = connection.execute(
                    text(
                        "SELECT committee_id FROM memberships GROUP BY committee_id"
                        " ORDER BY count(*) DESC"
                    )
                ).scalars()
                committee_ids = list(ids)
            engine.dispose()
            if committee_ids:
                return url, committee_ids
        except Exception as error:  # no database yet: generate one
            print(f"nothing to reuse ({type(error).__name__}): generating", file=sys.stderr)
    url = fresh_database_url(args.pg_url, "bench")
    engine = build_engine(url)
    migrate(engine, "head")
    started = time.perf_counter()
    with engine.begin() as connection:
        committee_ids = generate.committees(connection, count=args.committees)
        generate.participation(
            connection,
            committee_ids=committee_ids,
            people=args.people,
            memberships=args.memberships,
            big_committee_members=args.walk_pages * 100 + 50,
        )
        generate.work_and_liaison(
            connection,
            committee_ids=committee_ids,
            deliverables=args.deliverables,
            contributions=args.contributions,
        )
        generate.bodies(connection, committee_ids=committee_ids)
        generate.meetings(
            connection,
            committee_ids=committee_ids,
            meetings=args.meetings,
            attendance=args.attendance,
        )
    # Fresh bulk data has neither planner statistics nor a visibility map, and autovacuum
    # would otherwise build them during the measurement; a live database has them already.
    # VACUUM cannot run inside a transaction.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url, committee_ids


@dataclass
class Walk:
    pages: int
    first_ms: float
    last_ms: float
    ratio: float


def cursor_walk(url: str, *, token: str, pages: int) -> Walk:
    """Follow next_cursor to the last page, then time page 1 and that page alike."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(headers=headers, timeout=30) as client:
        cursor: str | None = None
        for _ in range(pages - 1):
            page = client.get(url, params={"cursor": cursor} if cursor else {}).json()
            cursor = page["next_cursor"]
            if cursor is None:
                raise SystemExit(f"the walk ended before page {pages}")
        if cursor is None:
            raise SystemExit("a walk needs at least two pages")
        last_page = {"cursor": cursor}

        def elapsed_ms(params: dict[str, str]) -> float:
            started = time.perf_counter()
            client.get(url, params=params).raise_for_status()
            return (time.perf_counter() - started) * 1000

        # Alternated, so that a drift in the machine's speed weighs on both pages alike.
        firsts, lasts = [], []
        for _ in range(WALK_REPEATS):
            firsts.append(elapsed_ms({}))
            lasts.append(elapsed_ms(last_page))
        first, last = statistics.median(firsts), statistics.median(lasts)
    return Walk(pages=pages, first_ms=first, last_ms=last, ratio=last / first)


if __name__ == "__main__":
    raise SystemExit(main())
