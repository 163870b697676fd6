import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import (
    Timestamped,
    UTCDateTime,
    Versioned,
    link_key,
    now_field,
    optional_ref,
    optional_time_field,
    ref,
    uuid_pk,
)


class User(Versioned, Timestamped, table=True):
    """A person with a login."""

    __tablename__ = "users"

    id: uuid.UUID = uuid_pk()
    email: str = Field(sa_type=String(254), unique=True, index=True)
    display_name: str = Field(sa_type=String(200))
    # Email and name folded (lower case, no accents), for search that works on SQLite too.
    search_key: str = Field(sa_type=String(460))
    password_hash: str = Field(sa_type=String(255))
    is_active: bool = True
    # The person record of this login, so members can read their own data.
    person_id: uuid.UUID | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", unique=True
    )
    # Access tokens issued (`iat`) before this second are refused: set on deactivation, a new
    # password or a grant change (api.auth.service.revoke_access). None: never revoked.
    tokens_valid_after: datetime | None = optional_time_field()


class RoleGrant(SQLModel, table=True):
    __tablename__ = "role_grants"
    __table_args__ = (
        UniqueConstraint("user_id", "role", "committee_id"),
        # network_admin is network-wide; the other roles always name their committee.
        CheckConstraint(
            "(role = 'network_admin') = (committee_id IS NULL)", name="scope_matches_role"
        ),
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = ref("users.id", ondelete="CASCADE", index=True)
    role: str = Field(sa_type=String(32))
    committee_id: uuid.UUID | None = optional_ref("committees.id", ondelete="CASCADE", index=True)
    created_at: datetime = now_field()


class RefreshToken(SQLModel, table=True):
    """One refresh token of a rotation family; only its hash is kept."""

    __tablename__ = "refresh_tokens"

    id: uuid.UUID = uuid_pk()
    family_id: uuid.UUID = Field(index=True)
    user_id: uuid.UUID = ref("users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(sa_type=String(64), unique=True)
    issued_at: datetime = now_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = optional_time_field()
    revoked_at: datetime | None = optional_time_field()


class AuthFailure(SQLModel, table=True):
    """Recent failed attempts under one throttle key (an account, a client address), for the
    limiter's database store (api.auth.throttle). The key is a hash: no e-mail of an unknown
    account is kept in clear."""

    __tablename__ = "auth_failures"

    key: str = Field(sa_type=String(64), primary_key=True)
    failures: int
    last_failure_at: datetime = Field(sa_type=UTCDateTime, index=True)


class MachineClient(Versioned, Timestamped, table=True):
    """A département's or carrier's system calling with `client_credentials`: only hashes
    of its secrets are kept. Revoked, it is kept: what it wrote stays attributed to it."""

    __tablename__ = "machine_clients"

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(200))
    # Space-separated, as OAuth writes scopes (api.auth.permissions.ClientScope).
    scopes: str = Field(sa_type=String(200))
    # Bound to every committee covering this département, now and later (ClientBinding rows
    # follow the committees' territories), beside the committees named one by one.
    department_code: str | None = Field(default=None, sa_type=String(3))
    secret_hash: str = Field(sa_type=String(64))
    # During a rotation the previous secret works until `previous_valid_until`.
    previous_secret_hash: str | None = Field(default=None, sa_type=String(64))
    previous_valid_until: datetime | None = optional_time_field()
    revoked_at: datetime | None = optional_time_field()
    created_by: uuid.UUID | None = optional_ref("users.id")


class ClientBinding(SQLModel, table=True):
    """A committee a machine client acts on: named (`named`) or covering its département."""

    __tablename__ = "machine_client_committees"

    client_id: uuid.UUID = link_key("machine_clients.id", ondelete="CASCADE")
    committee_id: uuid.UUID = link_key("committees.id", ondelete="CASCADE", index=True)
    named: bool = True
