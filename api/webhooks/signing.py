"""Signing secrets (Standard Webhooks: `whsec_` and base64) and the signed headers.

The worker needs a subscription's secret back to sign with, so it cannot be hashed: it is
kept sealed with AES-GCM under a key derived from the signing key (as cursors are, under
another purpose), opened with any of the configured keys so that a key rotation keeps the
secrets working. A copy of the database alone signs nothing."""

import base64
import functools
import os
import secrets
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from standardwebhooks.webhooks import Webhook

from api.config import get_settings

_PREFIX = "whsec_"
_NONCE_BYTES = 12
_KEY_INFO = b"ancrage/webhook-secret/aes-gcm/v1"


def new_secret() -> str:
    """A new signing secret, as the Standard Webhooks libraries read it: 32 random bytes."""
    return _PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@functools.lru_cache(maxsize=8)
def _sealer(signing_key: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(
        signing_key.encode()
    )
    return AESGCM(key)


def seal(secret: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    box = _sealer(get_settings().signing_keys[0]).encrypt(nonce, secret.encode(), None)
    return base64.urlsafe_b64encode(nonce + box).decode()


def unseal(sealed: str) -> str:
    raw = base64.urlsafe_b64decode(sealed)
    nonce, box = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
    for signing_key in get_settings().signing_keys:
        try:
            return _sealer(signing_key).decrypt(nonce, box, None).decode()
        except InvalidTag:
            continue
    raise ValueError("sealed under no configured signing key")


def signed_headers(secret: str, *, message_id: str, at: datetime, body: str) -> dict[str, str]:
    """The three Standard Webhooks headers of `body` sent at `at` (the `webhook-timestamp`
    a receiver checks against its clock: five minutes' tolerance in the reference libraries)."""
    signature = Webhook(secret).sign(msg_id=message_id, timestamp=at, data=body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }
