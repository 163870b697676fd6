"""`ancrage` console commands: create-admin, load-demo, openapi."""

import argparse
import getpass
import json
import sys
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

import api.tables  # noqa: F401  (every table, so foreign keys across domains resolve)
from api.auth.permissions import Role
from api.config import get_settings, settings_error
from api.core.problems import AppError
from api.db import get_engine, transaction
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ancrage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="create a network_admin (password on stdin)")
    admin.add_argument("email")
    commands.add_parser("load-demo", help="load the demo network into an empty database")
    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("path", type=Path, nargs="?", default=Path("openapi/openapi.json"))
    args = parser.parse_args(argv)
    try:
        get_settings()
    except ValidationError as error:
        print(f"error: {settings_error(error)}", file=sys.stderr)
        return 2
    try:
        if args.command == "create-admin":
            return create_admin(args.email)
        if args.command == "load-demo":
            return load_demo()
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
