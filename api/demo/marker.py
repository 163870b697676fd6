"""How a database that holds the demo is recognised: its logins' e-mail domain (their password
is printed in the README), which production refuses to start on."""

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from api import db
from api.auth.models import User
from api.config import Settings

DEMO_DOMAIN = "demo.ancrage.fr"


class UnsafeStart(Exception):
    """Production refuses to start: the message is the one line the operator sees."""


def has_demo_accounts(session: Session) -> bool:
    demo = col(User.email).endswith(f"@{DEMO_DOMAIN}")
    return session.exec(select(User.id).where(demo).limit(1)).first() is not None


def refuse_demo_data(settings: Settings) -> None:
    """In production, raise `UnsafeStart` when the database holds the demo's accounts."""
    if settings.environment != "production":
        return
    try:
        with db.sessions.read() as session:  # (tests replace `db.sessions`)
            demo = has_demo_accounts(session)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise UnsafeStart(f"DATABASE_URL: {reason} (is it right, and migrated?)") from error
    if demo:
        raise UnsafeStart(
            f"DATABASE_URL: the database holds the demo's accounts (@{DEMO_DOMAIN}), whose "
            "password is public; production runs on a database of its own"
        )
