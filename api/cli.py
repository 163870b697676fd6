"""`ancrage` console commands: serve, worker, create-admin, load-demo, openapi, import."""

import argparse
import getpass
import json
import os
import signal
import sys
from pathlib import Path
from types import FrameType

from pydantic import ValidationError
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

import api.tables  # noqa: F401  (every table, so foreign keys across domains resolve)
from api.auth.permissions import Role
from api.config import ROOT, Settings, get_settings, settings_error
from api.core.problems import AppError
from api.db import get_engine, transaction
from api.demo.marker import UnsafeStart, refuse_demo_data
from api.users import service as service_users
from api.users.schemas import GrantCreate, UserCreate


def create_admin(email: str) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("Password (12 characters or more): ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        data = UserCreate(
            email=email,
            display_name=email.split("@")[0],
            password=password,
            grants=[GrantCreate(role=Role.network_admin)],
        )
    except ValidationError as error:
        for err in error.errors():
            print(f"error: {'.'.join(map(str, err['loc']))}: {err['msg']}", file=sys.stderr)
        return 2
    try:
        # Not expired by the commit: the user is printed after its session has closed.
        with Session(get_engine(), expire_on_commit=False) as session, transaction(session):
            user = service_users.create_user(session, data=data)
    except AppError as error:
        print(f"error: {error.detail}", file=sys.stderr)
        return 1
    print(f"network_admin {user.email} created ({user.id})")
    return 0


def load_demo() -> int:
    from api.demo.loader import load_demo_if_empty

    if get_settings().environment == "production":
        # Its logins' password is in the README.
        print("error: ENVIRONMENT: production refuses the demo data", file=sys.stderr)
        return 1

    with Session(get_engine(), expire_on_commit=False) as session, transaction(session):
        logins = load_demo_if_empty(session)
    if logins is None:
        print("The database already has committees; demo data not loaded.")
        return 0
    print("Demo data loaded. Demo logins:")
    for login in logins:
        print(f"  {login.role:<16} {login.email:<40} {login.password}  {login.note}")
    return 0


def write_openapi(path: Path) -> int:
    from api.main import app

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path}")
    return 0


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    workers = args.workers or settings.web_workers or os.cpu_count() or 1
    # What would stop every worker at its start stops the command instead, with one line: a
    # supervisor would otherwise restart the failing workers forever.
    try:
        refuse_demo_data(settings)
    except UnsafeStart as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if warning := connection_budget_warning(settings, workers):
        print(f"warning: {warning}", file=sys.stderr)
    # After a SIGTERM's graceful shutdown uvicorn raises the signal again: exit 0, the server
    # stopped as asked.
    signal.signal(signal.SIGTERM, _stopped)
    uvicorn.run(
        "api.main:app",
        host=args.host,
        port=args.port,
        workers=workers,
        # `X-Forwarded-For` / `-Proto` only from the proxy's addresses, and only when there is one.
        proxy_headers=settings.trusted_proxy,
        forwarded_allow_ips=settings.trusted_proxy_ips if settings.trusted_proxy else [],
        log_config=str(ROOT / "logging.json"),
        log_level=args.log_level,
        access_log=not args.no_access_log,
        server_header=False,
        timeout_graceful_shutdown=settings.graceful_shutdown_seconds,
        # A spawned worker answers the supervisor's ping only once it has imported this
        # module again (seconds on a busy machine): uvicorn's 5 s would kill it while starting.
        timeout_worker_healthcheck=60,
    )
    return 0


def _stopped(_signal: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def worker(args: argparse.Namespace) -> int:
    """The webhook worker, until SIGTERM or SIGINT: the delivery in flight ends (its HTTP
    timeout bounds it), the claims not sent are given back, and it exits 0."""
    import logging.config
    import threading

    from api.webhooks.targets import TargetPolicy
    from api.webhooks.worker import Worker

    settings = get_settings()
    logging.config.dictConfig(json.loads((ROOT / "logging.json").read_text()))
    stop = threading.Event()

    def _stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)  # also when started in the background (make run)
    engine = get_engine()
    Worker(
        lambda: Session(engine),
        policy=TargetPolicy(allow_local=settings.webhooks_allow_local),
        max_attempts=settings.webhooks_max_attempts,
    ).run(stop, poll_seconds=args.poll_seconds)
    return 0


def connection_budget_warning(settings: Settings, workers: int) -> str | None:
    """Why `workers` may open more connections than PostgreSQL takes, if they may."""
    if settings.is_sqlite:
        return None
    needed = workers * settings.connections_per_worker()
    engine = create_engine(
        settings.database_url, poolclass=NullPool, connect_args={"connect_timeout": 3}
    )
    try:
        with engine.connect() as connection:
            limit = int(connection.exec_driver_sql("SHOW max_connections").scalar_one())
            reserved = int(
                connection.exec_driver_sql("SHOW superuser_reserved_connections").scalar_one()
            )
    except SQLAlchemyError:
        return None  # unreachable now: /health/ready says so, and the app waits for it
    finally:
        engine.dispose()
    if needed <= limit - reserved:
        return None
    return (
        f"{workers} workers may open {needed} PostgreSQL connections "
        f"({settings.connections_per_worker()} each), over the server's "
        f"{limit - reserved} (max_connections {limit} - {reserved} reserved): lower "
        "DATABASE_POOL_SIZE, DATABASE_READ_POOL_SIZE or WEB_WORKERS, or raise max_connections"
    )


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ancrage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    server = commands.add_parser("serve", help="serve the API (uvicorn, several workers)")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8000)
    server.add_argument(
        "--workers",
        type=_positive,
        help="worker processes (default: WEB_WORKERS, else one per core)",
    )
    server.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    server.add_argument("--no-access-log", action="store_true", help="no line per request")
    hooks = commands.add_parser("worker", help="send webhooks (several may run at once)")
    hooks.add_argument(
        "--poll-seconds", type=float, default=1.0, help="wait after an idle round (default 1)"
    )
    admin = commands.add_parser("create-admin", help="create a network_admin (password on stdin)")
    admin.add_argument("email")
    commands.add_parser("load-demo", help="load the demo network into an empty database")
    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("path", type=Path, nargs="?", default=Path("openapi/openapi.json"))
    importing = commands.add_parser(
        "import", help="import a committee's members from a CSV or JSON file"
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--committee", required=True, help="its id, short name or code")
    importing.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    importing.add_argument("--mode", choices=["merge", "replace"], default="merge")
    importing.add_argument("--source", help="the source of the rows that name none")
    args = parser.parse_args(argv)
    try:
        get_settings()
    except ValidationError as error:
        print(f"error: {settings_error(error)}", file=sys.stderr)
        return 2
    try:
        if args.command == "serve":
            return serve(args)
        if args.command == "worker":
            return worker(args)
        if args.command == "create-admin":
            return create_admin(args.email)
        if args.command == "load-demo":
            return load_demo()
        if args.command == "import":
            from api.imports.command import import_file
            from api.imports.schemas import ImportMode

            return import_file(
                args.file,
                committee=args.committee,
                mode=ImportMode(args.mode),
                dry_run=args.dry_run,
                source=args.source,
            )
        return write_openapi(args.path)
    except SQLAlchemyError as error:
        # An unreachable or unmigrated database: one line an operator can act on, no traceback.
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        print(f"error: database: {reason} (is DATABASE_URL right, and migrated?)", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
