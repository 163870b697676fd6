"""Keyset (cursor) pagination, the one way every list is paged.

The cursor is the sort key of the last row returned, stable under inserts, and page N costs
what page 1 costs. A sort key can be a person's name, so the cursor is sealed (AES-GCM, its key
derived from the signing key): unreadable by the client, and any change to it is refused.
"""

import base64
import binascii
import functools
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar, overload

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Connection, Integer, Select, bindparam, tuple_
from sqlalchemy import Row as SARow
from sqlmodel import Session
from sqlmodel.sql.expression import Select as SMSelect
from sqlmodel.sql.expression import SelectOfScalar

from api.config import get_settings
from api.core.problems import InvalidInput
from api.core.schemas import QUERY_INT, IsoDate, IsoMoment

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})."), QUERY_INT
]
Cursor = Annotated[
    str | None,
    Query(max_length=2048, description="`next_cursor` of the previous page; omit for page 1."),
]
# The `q` of the lists searchable by name.
Search = Annotated[
    str | None,
    Query(min_length=1, max_length=100, description="Search names (accent-insensitive)."),
]

# The day a list answers for, on every list whose objects have dated states (a status with
# its history, a term, a mandate); each list's description says what it changes there.
AsOf = Annotated[
    IsoDate | None,
    Query(description="Answer as of this day (YYYY-MM-DD) from the history; defaults to today."),
]

# What a sync asks of a list: the rows written (created or changed) at or after a moment.
UpdatedSince = Annotated[
    IsoMoment | None,
    Query(
        description="Only what was created or changed at or after this moment (ISO 8601 with "
        "its offset): a sync passes the time of its previous run."
    ),
]

Row = TypeVar("Row")
ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None


_NONCE_BYTES = 12
# Bound to its purpose: the same signing key derives other keys for other uses.
_CURSOR_KEY_INFO = b"ancrage/cursor/aes-gcm/v1"


@functools.lru_cache(maxsize=8)
def _sealer(signing_key: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_CURSOR_KEY_INFO).derive(
        signing_key.encode()
    )
    return AESGCM(key)


def encode_cursor(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date | datetime) else str(v) for v in values]
    raw = json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = nonce + _sealer(get_settings().signing_keys[0]).encrypt(nonce, raw, None)
    return base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def _open(cursor: str) -> bytes:
    sealed = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    nonce, box = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    # Every key opens: a cursor given out before a key rotation still walks on.
    for signing_key in get_settings().signing_keys:
        try:
            return _sealer(signing_key).decrypt(nonce, box, None)
        except InvalidTag:
            continue
    raise ValueError("not a cursor of ours")


def decode_cursor(cursor: str, keys: Sequence[Any]) -> list[Any]:
    try:
        values = json.loads(_open(cursor))
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError("wrong arity")
        return [_coerce(value, key) for value, key in zip(values, keys, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidCursor() from error


class InvalidCursor(InvalidInput):
    def __init__(self) -> None:
        super().__init__("The cursor is not one this list gave out.", field=[])
        self.errors = [{"loc": ["query", "cursor"], "msg": self.detail, "type": "value_error"}]


def _coerce(value: Any, key: Any) -> Any:
    if not isinstance(value, str):
        raise TypeError("cursor values are strings")
    python_type = key.type.python_type
    if python_type is uuid.UUID:
        return uuid.UUID(value)
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is int:
        return int(value)
    return value


@overload
def paginate(  # type: ignore[overload-overlap]
    session: Session | Connection,
    stmt: SelectOfScalar[Row],
    *,
    keys: Sequence[Any],
    limit: int,
    cursor: str | None,
    descending: bool = False,
    params: Mapping[str, Any] | None = None,
) -> tuple[list[Row], str | None]: ...


@overload
def paginate(
    session: Session | Connection,
    stmt: Select[Any] | SMSelect[Any],
    *,
    keys: Sequence[Any],
    limit: int,
    cursor: str | None,
    descending: bool = False,
    params: Mapping[str, Any] | None = None,
) -> tuple[list[SARow[Any]], str | None]: ...


def paginate(
    session: Session | Connection,
    stmt: Any,
    *,
    keys: Sequence[Any],
    limit: int,
    cursor: str | None,
    descending: bool = False,
    params: Mapping[str, Any] | None = None,
) -> tuple[list[Any], str | None]:
    """Rows of `stmt` after `cursor`, ordered by `keys` (columns, unique together, not null),
    all ascending or, with `descending`, all descending (newest first). `session` may be a
    plain Connection (the async read path runs Core code on one).

    With `params`, `stmt` is prepared: built once (a cached builder's, one per combination of
    filters) with its values as bound parameters, given here. Its paged form is then built
    once too, the cursor's values and the page size bound like the others: a request builds
    no statement and computes no cache key, which for a large statement cost more than running
    it."""
    if params is not None:
        paged = _paged(stmt, keys, descending=descending, after=cursor is not None)
        values = dict(params, page_limit=limit + 1)
        if cursor is not None:
            for n, value in enumerate(decode_cursor(cursor, keys)):
                values[f"page_after_{n}"] = value
        connection = session if isinstance(session, Connection) else session.connection()
        return _page(list(connection.execute(paged, values)), keys, limit)
    if cursor is not None:
        after = tuple_(*decode_cursor(cursor, keys))
        stmt = stmt.where(tuple_(*keys) < after if descending else tuple_(*keys) > after)
    order = [key.desc() for key in keys] if descending else list(keys)
    stmt = stmt.order_by(*order).limit(limit + 1)
    if isinstance(session, Connection):
        result = session.execute(stmt)
        rows = list(result.scalars() if isinstance(stmt, SelectOfScalar) else result)
    elif isinstance(stmt, SelectOfScalar):
        rows = list(session.exec(stmt).all())
    else:
        # Plain columns need no ORM: the Core connection skips its compile and load layers.
        rows = list(session.connection().execute(stmt).all())
    return _page(rows, keys, limit)


def _page(rows: list[Any], keys: Sequence[Any], limit: int) -> tuple[list[Any], str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, key.key) for key in keys])


# (id of a prepared statement, its keys, direction, after a cursor) → (the statement, kept so
# that its id stays its own, and its paged form).
_PAGED: dict[tuple[int, tuple[int, ...], bool, bool], tuple[Any, Any]] = {}


def _paged(stmt: Any, keys: Sequence[Any], *, descending: bool, after: bool) -> Any:
    key = (id(stmt), tuple(map(id, keys)), descending, after)
    if (found := _PAGED.get(key)) is not None:
        return found[1]
    paged = stmt
    if after:
        last = tuple_(*(bindparam(f"page_after_{n}", type_=k.type) for n, k in enumerate(keys)))
        paged = paged.where(tuple_(*keys) < last if descending else tuple_(*keys) > last)
    order = [k.desc() for k in keys] if descending else list(keys)
    paged = paged.order_by(*order).limit(bindparam("page_limit", type_=Integer))
    _PAGED[key] = (stmt, paged)
    return paged


# A page of rows, each the fields of a schema by name (what `respond_page` writes as it is).
RowsPage = tuple[list[dict[str, Any]], str | None]


def page_of_dicts(page: tuple[list[SARow[Any]], str | None]) -> RowsPage:
    """A `paginate` page of selected columns, each row a dict of its columns by name: named as
    the item schema's fields (`columns_for`), `respond_page` writes it as it is (and validates
    any page whose rows do not fit)."""
    rows, next_cursor = page
    return [row._asdict() for row in rows], next_cursor
