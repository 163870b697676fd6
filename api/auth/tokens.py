"""JWT access tokens: HS256 only, with `exp`, `iat`, `iss`, `aud` and `sub` required."""

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

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


LEEWAY_SECONDS = 5


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verify with every configured key (rotation) and the pinned algorithm list.

    A token verified once is remembered until it expires: a client sends the same token for
    each of its requests, and the signature and claims cannot have changed (only the clock
    moves, and `exp` is checked again on every use). Who it names is still read on every
    request (`service.load_subject`), so a revocation takes effect at once."""
    claims, expires_at = _verified(
        token, tuple(settings.signing_keys), settings.jwt_audience, settings.jwt_issuer
    )
    # PyJWT's own rule, which the first use applied.
    if time.time() >= expires_at + LEEWAY_SECONDS:
        raise InvalidToken("Signature has expired")
    return claims


# Tokens in use at once (the oldest are forgotten first; an expired one is refused anyway).
@lru_cache(maxsize=4096)
def _verified(
    token: str, keys: tuple[str, ...], audience: str, issuer: str
) -> tuple[AccessClaims, int]:
    """The claims of a valid token and when it expires; a refusal raises (and is not kept)."""
    for key in keys:
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=LEEWAY_SECONDS,
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
        access = AccessClaims(
            user_id=user_id,
            token_id=str(claims.get("jti")),
            issued_at=issued_at,
            client=claims.get(CLIENT_CLAIM) is True,
        )
        return access, int(claims["exp"])
    raise InvalidToken("signature verification failed")
