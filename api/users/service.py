"""Managing logins and role grants (network_admin only; the routes enforce it). Above
committees and people: a grant names a committee, a login may name its person record."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from api.auth import accounts
from api.auth.models import RoleGrant, User  # as types only: `accounts` reads and writes them
from api.auth.permissions import Role
from api.auth.service import normalise_email, revoke_access
from api.auth.throttle import Throttle
from api.committees import service as committees
from api.core import etags
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.writes import patch_changes, save
from api.people import service as people
from api.users.schemas import GrantCreate, UserCreate, UserPublic, UserUpdate


class UserNotFound(NotFound):
    default_detail = "No user with this id."


class EmailTaken(Conflict):
    default_detail = "A user with this email already exists."


class GrantExists(Conflict):
    default_detail = "The user already has this grant."


class PersonHasLogin(Conflict):
    default_detail = "This person already has a login."


class LastNetworkAdmin(Conflict):
    """The network keeps at least one active network_admin."""


def _fields(user: Any, grants: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A `UserPublic`'s fields, of a user (a row or an object) and their grants."""
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "is_active": user.is_active,
        "person_id": user.person_id,
        "created_at": user.created_at,
        "grants": grants,
    }


def get_user(session: Session, *, user_id: uuid.UUID) -> User:
    user = accounts.find_user(session, user_id=user_id)
    if user is None:
        raise UserNotFound()
    return user


def describe_user(session: Session, *, user: User) -> UserPublic:
    return UserPublic.model_validate(_fields(user, accounts.grants_of(session, [user.id])[user.id]))


def read_user(session: Session, *, user_id: uuid.UUID) -> tuple[dict[str, Any], int]:
    """The user as shown, and their version (for the ETag): a GET's one read."""
    found = accounts.shown_user(session, user_id)
    if found is None:
        raise UserNotFound()
    return found


def list_users(
    session: Session, *, limit: int, cursor: str | None, q: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    return accounts.page_of_users(session, limit=limit, cursor=cursor, q=q)


def create_user(session: Session, *, data: UserCreate) -> User:
    if accounts.email_taken(session, str(data.email)):
        raise EmailTaken()
    _check_person(session, person_id=data.person_id, user_id=None)
    user = accounts.add_user(
        session,
        email=str(data.email),
        display_name=data.display_name,
        password=data.password,
        person_id=data.person_id,
    )
    for grant in data.grants:
        _insert_grant(session, user=user, data=grant)
    return user


def update_user(session: Session, *, user: User, data: UserUpdate, if_match: str | None) -> User:
    changes = patch_changes(data)
    if "person_id" in changes:
        _check_person(session, person_id=changes["person_id"], user_id=user.id)
    etags.require_match(if_match, user.version)
    if changes.get("display_name") is not None:
        accounts.rename(user, changes["display_name"])
    if changes.get("password") is not None:
        accounts.set_password(session, user, changes["password"])
    if changes.get("is_active") is not None:
        if not changes["is_active"] and accounts.is_last_network_admin(session, user.id):
            raise LastNetworkAdmin("The last active network_admin cannot be deactivated.")
        accounts.set_active(session, user, changes["is_active"])
    if "person_id" in changes:
        accounts.link_person(user, changes["person_id"])
    save(session, user)
    return user


def unlock_login(*, throttle: Throttle, user: User) -> None:
    """Forget the account's failed logins: its lock and any back-off are lifted at once."""
    throttle.forget(throttle.account(normalise_email(user.email)))


def _check_person(
    session: Session, *, person_id: uuid.UUID | None, user_id: uuid.UUID | None
) -> None:
    """The person exists and has no other login."""
    if person_id is None:
        return
    if people.find_person(session, person_id=person_id) is None:
        raise InvalidInput("No person with this id.", field="person_id")
    if accounts.login_of_person(session, person_id=person_id, other_than=user_id):
        raise PersonHasLogin()


def add_grant(session: Session, *, user: User, data: GrantCreate) -> RoleGrant:
    """A new role: the user's tokens are revoked, as for a removal (their sessions restart
    with the roles they now hold)."""
    grant = _insert_grant(session, user=user, data=data)
    revoke_access(session, user_id=user.id)
    return grant


def _insert_grant(session: Session, *, user: User, data: GrantCreate) -> RoleGrant:
    if data.committee_id is not None and not committees.committee_exists(
        session, committee_id=data.committee_id
    ):
        raise InvalidInput("No committee with this id.", field="committee_id")
    role, committee_id = data.role, data.committee_id
    if accounts.has_grant(session, user_id=user.id, role=role, committee_id=committee_id):
        raise GrantExists()
    try:
        return accounts.add_grant(session, user_id=user.id, role=role, committee_id=committee_id)
    except accounts.DuplicateGrant as error:  # a concurrent request added the same grant
        raise GrantExists() from error


def remove_grant(session: Session, *, user: User, grant_id: uuid.UUID) -> None:
    grant = accounts.find_grant(session, grant_id=grant_id)
    if grant is None or grant.user_id != user.id:
        raise NotFound("This user has no grant with this id.")
    if grant.role == Role.network_admin and accounts.is_last_network_admin(session, user.id):
        raise LastNetworkAdmin("The last network_admin cannot lose that role.")
    accounts.remove_grant(session, grant)
    revoke_access(session, user_id=user.id)
