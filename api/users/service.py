"""Managing logins and role grants (network_admin only; the routes enforce it). Above
committees and people: a grant names a committee, a login may name its person record."""

import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.auth.models import RoleGrant, User
from api.auth.passwords import hash_password
from api.auth.permissions import Role
from api.auth.service import normalise_email, revoke_access
from api.auth.throttle import Throttle
from api.committees import service as committees
from api.core import etags
from api.core.pagination import paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import where_search
from api.core.text import fold
from api.core.writes import patch_changes, save, store
from api.people import service as people
from api.users.schemas import GrantCreate, GrantPublic, UserCreate, UserPublic, UserUpdate


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


def _public(user: User, grants: Sequence[RoleGrant]) -> UserPublic:
    return UserPublic(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        is_active=user.is_active,
        person_id=user.person_id,
        created_at=user.created_at,
        grants=[GrantPublic.model_validate(g) for g in grants],
    )


def _grants_of(session: Session, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[RoleGrant]]:
    out: dict[uuid.UUID, list[RoleGrant]] = {uid: [] for uid in user_ids}
    if user_ids:
        rows = session.exec(
            select(RoleGrant)
            .where(col(RoleGrant.user_id).in_(user_ids))
            .order_by(col(RoleGrant.created_at), col(RoleGrant.id))
        ).all()
        for grant in rows:
            out[grant.user_id].append(grant)
    return out


def user_search_key(email: str, display_name: str) -> str:
    return fold(f"{email} {display_name}")


def get_user(session: Session, *, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserNotFound()
    return user


def describe_user(session: Session, *, user: User) -> UserPublic:
    return _public(user, _grants_of(session, [user.id])[user.id])


def list_users(
    session: Session, *, limit: int, cursor: str | None, q: str | None = None
) -> tuple[list[UserPublic], str | None]:
    stmt = select(User)
    stmt = where_search(stmt, User.search_key, q and q.strip())
    order = [col(User.email), col(User.id)]
    users, next_cursor = paginate(session, stmt, keys=order, limit=limit, cursor=cursor)
    grants = _grants_of(session, [u.id for u in users])
    return [_public(u, grants[u.id]) for u in users], next_cursor


def create_user(session: Session, *, data: UserCreate) -> User:
    email = normalise_email(str(data.email))
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise EmailTaken()
    _check_person(session, person_id=data.person_id, user_id=None)
    user = User(
        email=email,
        display_name=data.display_name,
        search_key=user_search_key(email, data.display_name),
        password_hash=hash_password(data.password),
        person_id=data.person_id,
    )
    store(session, user)
    for grant in data.grants:
        _insert_grant(session, user=user, data=grant)
    return user


def update_user(session: Session, *, user: User, data: UserUpdate, if_match: str | None) -> User:
    changes = patch_changes(data)
    if "person_id" in changes:
        _check_person(session, person_id=changes["person_id"], user_id=user.id)
    etags.require_match(if_match, user.version)
    if changes.get("display_name") is not None:
        user.display_name = changes["display_name"]
        user.search_key = user_search_key(user.email, user.display_name)
    if changes.get("password") is not None:
        user.password_hash = hash_password(changes["password"])
        revoke_access(session, user_id=user.id)
    if changes.get("is_active") is not None:
        if not changes["is_active"] and _is_last_network_admin(session, user.id):
            raise LastNetworkAdmin("The last active network_admin cannot be deactivated.")
        user.is_active = changes["is_active"]
        if not user.is_active:
            revoke_access(session, user_id=user.id)
    if "person_id" in changes:
        user.person_id = changes["person_id"]
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
    other = select(User.id).where(User.person_id == person_id)
    if user_id is not None:
        other = other.where(User.id != user_id)
    if session.exec(other).first() is not None:
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
    duplicate = select(RoleGrant.id).where(
        RoleGrant.user_id == user.id,
        RoleGrant.role == data.role.value,
        col(RoleGrant.committee_id).is_(None)
        if data.committee_id is None
        else RoleGrant.committee_id == data.committee_id,
    )
    if session.exec(duplicate).first() is not None:
        raise GrantExists()
    grant = RoleGrant(user_id=user.id, role=data.role.value, committee_id=data.committee_id)
    try:
        with session.begin_nested():
            store(session, grant)
    except IntegrityError as error:  # a concurrent request added the same grant
        raise GrantExists() from error
    return grant


def remove_grant(session: Session, *, user: User, grant_id: uuid.UUID) -> None:
    grant = session.get(RoleGrant, grant_id)
    if grant is None or grant.user_id != user.id:
        raise NotFound("This user has no grant with this id.")
    if grant.role == Role.network_admin and _is_last_network_admin(session, user.id):
        raise LastNetworkAdmin("The last network_admin cannot lose that role.")
    session.delete(grant)
    session.flush()
    revoke_access(session, user_id=user.id)


def _is_last_network_admin(session: Session, user_id: uuid.UUID) -> bool:
    """True when `user_id` is a network_admin and no other active user is."""
    is_admin = session.exec(
        select(RoleGrant.id).where(
            RoleGrant.user_id == user_id, RoleGrant.role == Role.network_admin.value
        )
    ).first()
    if is_admin is None:
        return False
    other = session.exec(
        select(RoleGrant.id)
        .join(User, col(User.id) == col(RoleGrant.user_id))
        .where(
            RoleGrant.role == Role.network_admin.value,
            RoleGrant.user_id != user_id,
            col(User.is_active).is_(True),
        )
    ).first()
    return other is None
