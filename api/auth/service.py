"""Authentication: passwords to tokens, refresh-token rotation, who the caller is."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from sqlalchemy import Connection, bindparam, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.models import RefreshToken, RoleGrant, User
from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.auth.permissions import Role, Subject
from api.auth.schemas import TokenPair
from api.auth.throttle import Throttle
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.core.clock import utcnow
from api.core.problems import Unauthorized


class InvalidCredentials(Unauthorized):
    # The failure's count (api.auth.throttle) must survive the refusal.
    keep_changes = True

    def __init__(self) -> None:
        # One answer for an unknown email and a wrong password: no account enumeration.
        super().__init__("Wrong email or password.", error="invalid_grant")


class InvalidRefreshToken(Unauthorized):
    keep_changes = True  # as for InvalidCredentials

    def __init__(self, detail: str = "The refresh token is invalid or expired.") -> None:
        super().__init__(detail, error="invalid_grant")


class AccessTokenRevoked(Unauthorized):
    def __init__(self) -> None:
        super().__init__(
            "The access token was issued before its user's access was revoked "
            "(deactivation, new password or role change): log in again."
        )


class RefreshTokenReused(InvalidRefreshToken):
    # The revocation of the whole family must survive the refusal too.
    def __init__(self) -> None:
        super().__init__("The refresh token was already used; its session has been revoked.")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(
    session: Session, *, throttle: Throttle, email: str, password: str, address: str
) -> User:
    """The user of these credentials. Throttled per account and per client address: a
    refusal (429) comes before the password is checked; an unknown account, a wrong password
    and a deactivated user are one failure, with one answer."""
    email = normalise_email(email)
    limits = (throttle.account(email), throttle.login_client(address))
    throttle.check(*limits)
    user = session.exec(select(User).where(User.email == email)).first()
    # An unknown user's check runs against a dummy hash: the same time as a wrong password.
    verified = verify_password(user.password_hash if user else None, password)
    if user is None or not verified or not user.is_active:
        throttle.failed(*limits)
        raise InvalidCredentials()
    throttle.forget(limits[0])  # the client's failures stay: other accounts may be its aim
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    return user


def issue_tokens(
    session: Session, *, settings: Settings, user_id: uuid.UUID, family_id: uuid.UUID | None = None
) -> TokenPair:
    refresh_token = secrets.token_urlsafe(32)
    session.add(
        RefreshToken(
            family_id=family_id or uuid.uuid4(),
            user_id=user_id,
            token_hash=_hash_refresh_token(refresh_token),
            expires_at=utcnow() + timedelta(seconds=settings.refresh_token_ttl_seconds),
        )
    )
    session.flush()
    return TokenPair(
        access_token=issue_access_token(settings, user_id),
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=refresh_token,
    )


def rotate_refresh_token(
    session: Session, *, settings: Settings, throttle: Throttle, refresh_token: str, address: str
) -> TokenPair:
    """Exchange a refresh token for a new pair; a reused token revokes its whole family.
    Throttled per client address: its failures wait as a login's do."""
    limit = throttle.refresh_client(address)
    throttle.check(limit)
    try:
        return _rotate(session, settings=settings, refresh_token=refresh_token)
    except InvalidRefreshToken:
        throttle.failed(limit)
        raise


def _rotate(session: Session, *, settings: Settings, refresh_token: str) -> TokenPair:
    stored = session.exec(
        select(RefreshToken)
        .where(RefreshToken.token_hash == _hash_refresh_token(refresh_token))
        .with_for_update()
    ).first()
    if stored is None:
        raise InvalidRefreshToken()
    now = utcnow()
    if stored.used_at is not None or stored.revoked_at is not None:
        revoke_family(session, family_id=stored.family_id)
        raise RefreshTokenReused()
    if stored.expires_at <= now:
        raise InvalidRefreshToken()
    user = session.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise InvalidRefreshToken()
    # `revoke_access` revokes the families; this also refuses a token a rotation racing it
    # issued (the same rule as access tokens: whole seconds).
    if user.tokens_valid_after is not None and stored.issued_at < user.tokens_valid_after:
        raise InvalidRefreshToken()
    stored.used_at = now
    session.add(stored)
    return issue_tokens(session, settings=settings, user_id=user.id, family_id=stored.family_id)


def revoke_family(session: Session, *, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def _revoke_refresh_tokens(session: Session, *, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_access(session: Session, *, user_id: uuid.UUID) -> None:
    """End every session of the user at once: their access tokens issued before this second
    and all their refresh tokens stop working. For a deactivation, a new password and any
    change of their grants.

    The rule is `iat < tokens_valid_after`, the time truncated to the second: `iat` is in whole
    seconds, so a token issued in the same second as the change is kept, whether just after it
    (a new login must work at once) or just before it (a window of under a second)."""
    session.execute(
        update(User)
        .where(col(User.id) == user_id)
        .values(tokens_valid_after=utcnow().replace(microsecond=0))
    )
    _revoke_refresh_tokens(session, user_id=user_id)


# Built once: every authenticated request runs it (Core, no ORM: half the cost).
_SUBJECT = (
    core_select(
        col(User.email),
        col(User.person_id),
        col(User.tokens_valid_after),
        col(RoleGrant.role),
        col(RoleGrant.committee_id),
    )
    .select_from(User)
    .outerjoin(RoleGrant, col(RoleGrant.user_id) == col(User.id))
    .where(col(User.id) == bindparam("user_id"), col(User.is_active).is_(True))
)


def load_subject(connection: Connection, *, user_id: uuid.UUID, issued_at: int) -> Subject | None:
    """The active user and their grants, in one query; None when unknown or deactivated.

    `issued_at` is the access token's `iat`: a token issued before the user's access was
    revoked (`revoke_access`) is refused."""
    rows = connection.execute(_SUBJECT, {"user_id": user_id}).all()
    if not rows:
        return None
    valid_after = rows[0][2]
    if valid_after is not None and issued_at < valid_after.timestamp():
        raise AccessTokenRevoked()
    committee_roles: dict[uuid.UUID, set[Role]] = {}
    is_network_admin = False
    for _email, _person_id, _valid_after, role, committee_id in rows:
        if role == Role.network_admin:
            is_network_admin = True
        elif role is not None and committee_id is not None:
            committee_roles.setdefault(committee_id, set()).add(Role(role))
    return Subject(
        user_id=user_id,
        email=rows[0][0],
        person_id=rows[0][1],
        is_network_admin=is_network_admin,
        committee_roles={cid: frozenset(roles) for cid, roles in committee_roles.items()},
    )
