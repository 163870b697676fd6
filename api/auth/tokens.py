"""JWT access tokens: HS256 only, with `exp`, `iat`, `iss`, `aud` and `sub` required."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

import jwt

from api.config import Settings
from api.core.clock import utcnow

ALGORITHM = "HS256"
# A private claim: the subject is a machine client, not a user.
CLIENT_CLAIM = "ancrage_client"


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    token_id: str
    # `iat`, in whole seconds since the epoch (JWT NumericDate, as issued).
    issued_at: int
    # A machine client's token (`client_credentials`): `user_id` is the client's id.
    client: bool = False


class InvalidToken(Exception):
    pass


def issue_access_token(settings: Settings, user_id: uuid.UUID, *, client: bool = False) -> str:
    now = utcnow()
    claims: dict[str, object] = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(seconds=settings.access_token_ttl_seconds),
        "jti": uuid.uuid4().hex,
    }
    if client:
        claims[CLIENT_CLAIM] = True
    return jwt.encode(claims, settings.signing_keys[0], algorithm=ALGORITHM)


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verify with every configured key (rotation) and the pinned algorithm list."""
    for key in settings.signing_keys:
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=5,
            )
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
        try:
            user_id = uuid.UUID(claims["sub"])
        except (ValueError, TypeError) as error:
            raise InvalidToken("malformed subject") from error
        # PyJWT checks `iat` is a number; a fraction (other issuers) counts from its second.
        issued_at = int(claims["iat"])
        return AccessClaims(
            user_id=user_id,
            token_id=str(claims.get("jti")),
            issued_at=issued_at,
            client=claims.get(CLIENT_CLAIM) is True,
        )
    raise InvalidToken("signature verification failed")
