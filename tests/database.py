"""Create the test database and build its schema through the migrations."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, make_url, text

from api.db import build_engine

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(connection: object | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def fresh_database_url(url: str, suffix: str) -> str:
    """A database of its own for this run (and this xdist worker), created empty."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "test.db")
        path = path.with_name(f"{path.stem}-{suffix}{path.suffix}")
        path.unlink(missing_ok=True)
        return str(parsed.set(database=str(path)))
    name = f"{parsed.database}_{suffix}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def build_test_engine(url: str, worker_id: str) -> Engine:
    engine = build_engine(fresh_database_url(url, worker_id))
    migrate(engine, "head")
    return engine


def migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    """Run Alembic on a fresh connection of `engine` (SQLite needs one, see migrations/env.py)."""
    with engine.connect() as connection:
        config = alembic_config(connection)
        if down:
            command.downgrade(config, target)
        else:
            command.upgrade(config, target)
