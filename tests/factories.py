"""Committees and users (through the services), auth helpers, and `save`, the one way the
domains' factories (tests/<domain>/factories.py) write a row straight into its table."""

import itertools
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.accounts import user_search_key
from api.auth.models import RoleGrant, User
from api.auth.passwords import hash_password
from api.auth.permissions import ClientScope, Role
from api.auth.tokens import issue_access_token
from api.clients import service as clients
from api.clients.schemas import ClientCreate
from api.committees import service as committees
from api.committees import service_status
from api.committees.models import Committee
from api.committees.schemas import CommitteeCreate, CommitteeStatus
from api.config import get_settings
from api.core.clock import replaying

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)
T = TypeVar("T")
# Hashing is deliberately slow; tests share one hash.
_PASSWORD_HASH = hash_password(PASSWORD)


def save(session: Session, row: T) -> T:
    """`row` added and flushed (its defaults and id filled in): built from the model, for
    speed, or where the service wants a caller."""
    session.add(row)
    session.flush()
    return row


def make_committee(session: Session, **overrides: Any) -> Committee:
    n = next(_counter)
    fields: dict[str, Any] = {
        "name": f"Comité local du travail social n°{n}",
        "short_name": f"CLTS {n}",
        "scale": "departmental",
        "department_codes": ["07"],
        "is_public": True,
    } | overrides
    return committees.create_committee(
        session, data=CommitteeCreate.model_validate(fields), actor_id=None
    )


def move_committee(session: Session, committee: Committee, *steps: tuple[str, date]) -> None:
    """Dated status changes, in order, through the lifecycle's own rules."""
    for status, effective_on in steps:
        service_status.change_status(
            session,
            committee=committee,
            status=CommitteeStatus(status),
            effective_on=effective_on,
            actor_id=None,
            if_match=None,
        )


def make_user(
    session: Session,
    *,
    role: Role | None = None,
    committee: Committee | None = None,
    email: str | None = None,
    display_name: str | None = None,
    is_active: bool = True,
) -> User:
    n = next(_counter)
    email = email or f"user{n}@example.org"
    display_name = display_name or f"User {n}"
    user = User(
        email=email,
        display_name=display_name,
        search_key=user_search_key(email, display_name),
        password_hash=_PASSWORD_HASH,
        is_active=is_active,
    )
    session.add(user)
    session.flush()
    if role is not None:
        grant(session, user, role, committee)
    return user


def grant(session: Session, user: User, role: Role, committee: Committee | None = None) -> None:
    committee_id = None if role == Role.network_admin else _id(committee)
    session.add(RoleGrant(user_id=user.id, role=role.value, committee_id=committee_id))
    session.flush()


def _id(committee: Committee | None) -> uuid.UUID:
    assert committee is not None, "committee roles need a committee"
    return committee.id


def make_client(
    session: Session,
    *scopes: ClientScope,
    committees: Sequence[Committee] = (),
    department_code: str | None = None,
    name: str | None = None,
) -> tuple[uuid.UUID, str]:
    """A machine client registered through the service, and its secret."""
    data = ClientCreate(
        name=name or f"SI {next(_counter)}",
        scopes=list(scopes),
        committee_ids=[c.id for c in committees],
        department_code=department_code,
    )
    created = clients.register(session, data=data, actor_id=None)
    return created.id, created.client_secret


def client_auth(client_id: uuid.UUID) -> dict[str, str]:
    """A bearer header for the machine client, as `client_credentials` gives it."""
    token = issue_access_token(get_settings(), client_id, client=True)
    return {"Authorization": f"Bearer {token}"}


def editing(client: TestClient, url: str, headers: Mapping[str, str]) -> dict[str, str]:
    """`headers` with the `If-Match` an editor sends: the ETag of `url` as its GET shows it
    now (PATCH and DELETE require one; a test of preconditions sends its own)."""
    read = client.get(url, headers=headers)
    assert read.status_code == 200, read.text
    return dict(headers) | {"If-Match": read.headers["ETag"]}


def auth(user: User, *, issued_at: datetime | None = None) -> dict[str, str]:
    """A bearer header for `user`, its token issued now or at `issued_at`."""
    if issued_at is None:
        return {"Authorization": f"Bearer {issue_access_token(get_settings(), user.id)}"}
    with replaying(issued_at):
        return {"Authorization": f"Bearer {issue_access_token(get_settings(), user.id)}"}


@pytest.fixture
def admin(session: Session) -> User:
    return make_user(session, role=Role.network_admin)


@pytest.fixture
def admin_headers(admin: User) -> dict[str, str]:
    return auth(admin)
