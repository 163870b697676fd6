"""The identity store: logins and their role grants, as tables of this package.

Authentication reads them; user administration (`api.users`, above committees and people) edits
them only through these functions, so the columns derived here (the search key, the password
hash) have one writer, and a new password or a deactivation always ends the user's sessions."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.auth.models import RoleGrant, User
from api.auth.passwords import hash_password
from api.auth.permissions import Role
from api.auth.service import normalise_email, revoke_access
from api.core.pagination import paginate
from api.core.queries import Prepared, among, exists, json_in_order, search_value, searched
from api.core.text import fold
from api.core.writes import store


def user_search_key(email: str, display_name: str) -> str:
    return fold(f"{email} {display_name}")


def find_user(session: Session, *, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


def grants_of(
    session: Session, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Each user's grants, oldest first, each its id, role and committee: one query whatever
    the number of users."""
    out: dict[uuid.UUID, list[dict[str, Any]]] = {uid: [] for uid in user_ids}
    if user_ids:
        rows = session.exec(
            select(RoleGrant.user_id, RoleGrant.id, RoleGrant.role, RoleGrant.committee_id)
            .where(among(session, RoleGrant.user_id, user_ids))
            .order_by(col(RoleGrant.created_at), col(RoleGrant.id))
        ).all()
        for user_id, grant_id, role, committee_id in rows:
            out[user_id].append({"id": grant_id, "role": role, "committee_id": committee_id})
    return out


# What a list of users shows of each: no password hash, no search key.
USER_COLUMNS = [
    col(User.id),
    col(User.email),
    col(User.display_name),
    col(User.is_active),
    col(User.person_id),
    col(User.created_at),
]


# Users as their public schema shows them, each with their grants, oldest first (a JSON
# array of [id, role, committee_id] beside the row): a page or one user in one statement.
_SHOWN_COLUMNS: list[Any] = [
    *USER_COLUMNS,
    json_in_order(
        core_select(col(RoleGrant.id), col(RoleGrant.role), col(RoleGrant.committee_id))
        .where(col(RoleGrant.user_id) == col(User.id))
        .order_by(col(RoleGrant.created_at), col(RoleGrant.id)),
        User,
    ).label("grants"),
]
_SHOWN = core_select(*_SHOWN_COLUMNS)
_PAGE = Prepared(_SHOWN, q=searched(User.search_key))
_ONE = _SHOWN.add_columns(col(User.version)).where(col(User.id) == bindparam("user_id"))


def _shown(row: Row[Any]) -> dict[str, Any]:
    item = row._asdict()
    # UUIDs come out of JSON as text (without dashes on SQLite).
    item["grants"] = [
        {
            "id": uuid.UUID(grant_id),
            "role": role,
            "committee_id": committee_id and uuid.UUID(committee_id),
        }
        for grant_id, role, committee_id in item["grants"]
    ]
    return item


def page_of_users(
    session: Session | Connection, *, limit: int, cursor: str | None, q: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Users by email, each as `UserPublic` shows them, optionally those whose email or name
    matches `q`."""
    stmt, params = _PAGE(q=search_value(q and q.strip()))
    rows, next_cursor = paginate(
        session,
        stmt,
        keys=[col(User.email), col(User.id)],
        limit=limit,
        cursor=cursor,
        params=params,
    )
    return [_shown(row) for row in rows], next_cursor


def shown_user(
    session: Session | Connection, user_id: uuid.UUID
) -> tuple[dict[str, Any], int] | None:
    """The user as `UserPublic` shows them, and their version; None when unknown."""
    row = session.execute(_ONE, {"user_id": user_id}).first()
    if row is None:
        return None
    item = _shown(row)
    return item, item.pop("version")


def email_taken(session: Session, email: str) -> bool:
    return exists(session, select(User.id).where(User.email == normalise_email(email)))


def login_of_person(
    session: Session, *, person_id: uuid.UUID, other_than: uuid.UUID | None
) -> bool:
    """Whether a login (other than `other_than`) is linked to the person."""
    stmt = select(User.id).where(User.person_id == person_id)
    if other_than is not None:
        stmt = stmt.where(User.id != other_than)
    return exists(session, stmt)


def add_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str,
    person_id: uuid.UUID | None,
) -> User:
    email = normalise_email(email)
    user = User(
        email=email,
        display_name=display_name,
        search_key=user_search_key(email, display_name),
        password_hash=hash_password(password),
        person_id=person_id,
    )
    store(session, user)
    return user


def rename(user: User, display_name: str) -> None:
    user.display_name = display_name
    user.search_key = user_search_key(user.email, display_name)


def set_password(session: Session, user: User, password: str) -> None:
    """A new password ends every session of the user at once."""
    user.password_hash = hash_password(password)
    revoke_access(session, user_id=user.id)


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivating a user ends every session of theirs at once."""
    user.is_active = active
    if not active:
        revoke_access(session, user_id=user.id)


def link_person(user: User, person_id: uuid.UUID | None) -> None:
    user.person_id = person_id


def has_grant(
    session: Session, *, user_id: uuid.UUID, role: Role, committee_id: uuid.UUID | None
) -> bool:
    same_scope = (
        col(RoleGrant.committee_id).is_(None)
        if committee_id is None
        else RoleGrant.committee_id == committee_id
    )
    stmt = select(RoleGrant.id).where(
        RoleGrant.user_id == user_id, RoleGrant.role == role.value, same_scope
    )
    return exists(session, stmt)


class DuplicateGrant(Exception):
    """A concurrent request added the same grant (the unique index refused this one)."""


def add_grant(
    session: Session, *, user_id: uuid.UUID, role: Role, committee_id: uuid.UUID | None
) -> RoleGrant:
    grant = RoleGrant(user_id=user_id, role=role.value, committee_id=committee_id)
    try:
        with session.begin_nested():
            store(session, grant)
    except IntegrityError as error:
        raise DuplicateGrant() from error
    return grant


def find_grant(session: Session, *, grant_id: uuid.UUID) -> RoleGrant | None:
    return session.get(RoleGrant, grant_id)


def remove_grant(session: Session, grant: RoleGrant) -> None:
    session.delete(grant)
    session.flush()


def is_last_network_admin(session: Session, user_id: uuid.UUID) -> bool:
    """True when `user_id` is a network_admin and no other active user is."""
    admin = RoleGrant.role == Role.network_admin.value
    if not exists(session, select(RoleGrant.id).where(RoleGrant.user_id == user_id, admin)):
        return False
    others = (
        select(RoleGrant.id)
        .join(User, col(User.id) == col(RoleGrant.user_id))
        .where(admin, RoleGrant.user_id != user_id, col(User.is_active).is_(True))
    )
    return not exists(session, others)
