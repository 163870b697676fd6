"""Machine clients' credentials: `client_credentials` tokens and who such a token is.

A secret is 32 random bytes: a SHA-256 of it is as safe to keep as a slow password hash is
for a chosen password, and costs nothing per token request."""

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, delete, insert
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.models import ClientBinding, MachineClient
from api.auth.permissions import ClientScope, Subject, client_permissions
from api.auth.schemas import ClientToken
from api.auth.throttle import Throttle
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.core.clock import utcnow
from api.core.pagination import paginate
from api.core.problems import Unauthorized
from api.core.queries import json_in_order
from api.core.writes import save, store


class InvalidClient(Unauthorized):
    keep_changes = True  # the failure's count (api.auth.throttle) must survive the refusal

    def __init__(self) -> None:
        # One answer for an unknown client, a wrong secret and a revoked client.
        super().__init__("Wrong client id or secret.", error="invalid_client")


def new_secret() -> tuple[str, str]:
    """A secret to show once, and the hash to keep."""
    secret = secrets.token_urlsafe(32)
    return secret, hash_secret(secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def authenticate_client(
    session: Session, *, throttle: Throttle, client_id: str, secret: str, address: str
) -> MachineClient:
    """The active client of these credentials; its current secret, or the previous one while
    a rotation lets it. Throttled per client address, as logins are."""
    limit = throttle.login_client(address)
    throttle.check(limit)
    client = _find(session, client_id)
    offered = hash_secret(secret)
    if client is None or client.revoked_at is not None or not _matches(client, offered):
        throttle.failed(limit)
        raise InvalidClient()
    return client


def _find(session: Session, client_id: str) -> MachineClient | None:
    try:
        key = uuid.UUID(client_id)
    except ValueError:
        return None
    return find_client(session, key)


def find_client(session: Session, client_id: uuid.UUID) -> MachineClient | None:
    return session.get(MachineClient, client_id)


# Clients as their public schema shows them, each with the committees it was bound to by
# name (a JSON array beside its row): a page or one client in one statement, built once.
_LISTED = core_select(
    col(MachineClient.id),
    col(MachineClient.name),
    col(MachineClient.scopes),
    json_in_order(
        core_select(col(ClientBinding.committee_id))
        .where(col(ClientBinding.client_id) == col(MachineClient.id), col(ClientBinding.named))
        .order_by(col(ClientBinding.committee_id)),
        MachineClient,
    ).label("committee_ids"),
    col(MachineClient.department_code),
    col(MachineClient.previous_valid_until),
    col(MachineClient.revoked_at),
    col(MachineClient.created_at),
    col(MachineClient.version),
)
_LISTED_KEYS = [col(MachineClient.name), col(MachineClient.id)]
_ONE_LISTED = _LISTED.where(col(MachineClient.id) == bindparam("client_id"))


def listed(row: Row[Any]) -> dict[str, Any]:
    """A `_LISTED` row as the public schema's fields (its version apart)."""
    item = row._asdict()
    del item["version"]
    item["scopes"] = scopes_of(item["scopes"])
    # UUIDs come out of JSON as text (without dashes on SQLite).
    item["committee_ids"] = [uuid.UUID(committee_id) for committee_id in item["committee_ids"]]
    return item


def page_of_listed(
    connection: Session | Connection, *, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of clients by name, as `listed` gives them."""
    rows, next_cursor = paginate(
        connection, _LISTED, keys=_LISTED_KEYS, limit=limit, cursor=cursor, params={}
    )
    return [listed(row) for row in rows], next_cursor


def one_listed(connection: Session | Connection, client_id: uuid.UUID) -> Row[Any] | None:
    """One client's `_LISTED` row, or None."""
    return connection.execute(_ONE_LISTED, {"client_id": client_id}).first()


def named_committees(
    session: Session, client_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The committees each client was bound to by name (not through its département)."""
    named: dict[uuid.UUID, list[uuid.UUID]] = {client_id: [] for client_id in client_ids}
    rows = session.exec(
        select(ClientBinding.client_id, ClientBinding.committee_id)
        .where(col(ClientBinding.client_id).in_(list(client_ids)), col(ClientBinding.named))
        .order_by(col(ClientBinding.committee_id))
    )
    for client_id, committee_id in rows:
        named[client_id].append(committee_id)
    return named


def add_client(
    session: Session,
    *,
    name: str,
    scopes: Collection[ClientScope],
    department_code: str | None,
    created_by: uuid.UUID | None,
) -> tuple[MachineClient, str]:
    """A new client, and its secret (shown once)."""
    secret, secret_hash = new_secret()
    client = MachineClient(
        name=name,
        scopes=" ".join(sorted(set(scopes))),
        department_code=department_code,
        secret_hash=secret_hash,
        created_by=created_by,
    )
    store(session, client)
    return client, secret


def rotate(session: Session, client: MachineClient, *, previous_valid_for: timedelta) -> str:
    """A new secret; the current one keeps working for `previous_valid_for` (if any)."""
    secret, secret_hash = new_secret()
    keep = previous_valid_for > timedelta(0)
    client.previous_secret_hash = client.secret_hash if keep else None
    client.previous_valid_until = utcnow() + previous_valid_for if keep else None
    client.secret_hash = secret_hash
    save(session, client)
    return secret


def end_rotation(session: Session, client: MachineClient) -> None:
    client.previous_secret_hash = None
    client.previous_valid_until = None
    save(session, client)


def revoke(session: Session, client: MachineClient) -> None:
    """Its secrets and tokens stop working at once (`load_client_subject` reads this)."""
    if client.revoked_at is None:
        client.revoked_at = utcnow()
        client.previous_secret_hash = None
        client.previous_valid_until = None
        save(session, client)


def active_client_ids() -> Select[uuid.UUID]:
    """The ids of the clients not revoked, as a subquery (webhooks send only to theirs)."""
    return core_select(col(MachineClient.id)).where(col(MachineClient.revoked_at).is_(None))


def _matches(client: MachineClient, offered: str) -> bool:
    if hmac.compare_digest(client.secret_hash, offered):
        return True
    previous, until = client.previous_secret_hash, client.previous_valid_until
    return (
        previous is not None
        and until is not None
        and until > utcnow()
        and hmac.compare_digest(previous, offered)
    )


def issue_client_token(settings: Settings, client: MachineClient) -> ClientToken:
    return ClientToken(
        access_token=issue_access_token(settings, client.id, client=True),
        expires_in=settings.access_token_ttl_seconds,
        scope=client.scopes,
    )


def scopes_of(client: MachineClient | str) -> list[ClientScope]:
    text = client if isinstance(client, str) else client.scopes
    return [ClientScope(scope) for scope in text.split()]


# Built once: every request of a client runs it. A revoked client's tokens stop at once.
_CLIENT = (
    core_select(col(MachineClient.name), col(MachineClient.scopes), col(ClientBinding.committee_id))
    .select_from(MachineClient)
    .outerjoin(ClientBinding, col(ClientBinding.client_id) == col(MachineClient.id))
    .where(col(MachineClient.id) == bindparam("client_id"), col(MachineClient.revoked_at).is_(None))
)


def load_client_subject(connection: Connection, *, client_id: uuid.UUID) -> Subject | None:
    """The active client, with its permissions on each committee it is bound to; None when
    unknown or revoked."""
    rows = connection.execute(_CLIENT, {"client_id": client_id}).all()
    if not rows:
        return None
    permissions = client_permissions(scopes_of(rows[0][1]))
    return Subject(
        user_id=client_id,
        email=rows[0][0],
        client_id=client_id,
        client_grants={committee_id: permissions for *_, committee_id in rows if committee_id},
    )


def bind(
    session: Session,
    *,
    client_id: uuid.UUID,
    named: Collection[uuid.UUID],
    of_department: Collection[uuid.UUID],
) -> None:
    """Bind a new client to the committees named and to those covering its département."""
    rows = [{"client_id": client_id, "committee_id": c, "named": True} for c in set(named)]
    rows += [
        {"client_id": client_id, "committee_id": c, "named": False}
        for c in set(of_department) - set(named)
    ]
    if rows:
        session.execute(insert(ClientBinding), rows)


def rebind_committee(
    session: Session, *, committee_id: uuid.UUID, department_codes: Collection[str]
) -> None:
    """After a committee's territories change (or it is created): the clients bound to a
    département it covers act on it, those of a département it left no longer do (unless
    they name it)."""
    session.execute(
        delete(ClientBinding).where(
            col(ClientBinding.committee_id) == committee_id, col(ClientBinding.named).is_(False)
        )
    )
    if not department_codes:
        return
    named = set(
        session.exec(
            select(ClientBinding.client_id).where(ClientBinding.committee_id == committee_id)
        )
    )
    clients = session.exec(
        select(MachineClient.id).where(
            col(MachineClient.department_code).in_(sorted(department_codes)),
            col(MachineClient.revoked_at).is_(None),
        )
    )
    rows = [
        {"client_id": client, "committee_id": committee_id, "named": False}
        for client in clients
        if client not in named
    ]
    if rows:
        session.execute(insert(ClientBinding), rows)
