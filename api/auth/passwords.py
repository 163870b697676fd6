"""argon2id password hashing, a few hashes at a time.

Each hash or check takes argon2's 64 MiB for its duration: unbounded, a flood of logins takes
a worker's memory with it (40 at once: 2.4 GiB). A process-wide semaphore holds them to
`password_hash_concurrency`; a request that waits `password_hash_wait_ms` for a slot is
answered 503 with `Retry-After`, rather than queueing without end."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from threading import BoundedSemaphore

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from api.config import get_settings
from api.core.problems import ServiceUnavailable

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user is unknown, so both refusals cost the same time.
_DUMMY_HASH = _hasher.hash("a password nobody has")


class HashingBusy(ServiceUnavailable):
    default_detail = "Too many passwords are being checked at once; try again shortly."


@lru_cache
def _slots() -> BoundedSemaphore:
    return BoundedSemaphore(get_settings().password_hash_concurrency)


@contextmanager
def hashing_slot() -> Iterator[None]:
    """Hold one of the process's hashing slots while the block runs."""
    slots = _slots()
    if not slots.acquire(timeout=get_settings().password_hash_wait_ms / 1000):
        raise HashingBusy()
    try:
        yield
    finally:
        slots.release()


def hash_password(password: str) -> str:
    with hashing_slot():
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    with hashing_slot():
        try:
            verified = _hasher.verify(password_hash or _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    return verified and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
