"""The members list: who was a member of a committee on a day, in name order.

The reference list of the GET bench (bench/): one statement a page, built once per
combination of filters with its values bound, keyset-paged on the (committee_id, sort_key, id)
index."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Integer,
    Select,
    bindparam,
    tuple_,
)
from sqlmodel import col

from api.core.pagination import decode_cursor, encode_cursor
from api.memberships.models import Membership
from api.memberships.schemas import MembershipRole
from api.memberships.service import in_force_on
from api.memberships.service_lists import MEMBER_SELECT, member_item


@dataclass(frozen=True)
class MemberFilters:
    as_of: date
    all_terms: bool = False
    role: MembershipRole | None = None
    body_id: uuid.UUID | None = None
    updated_since: datetime | None = None


def list_members(
    connection: Connection,
    *,
    committee_id: uuid.UUID,
    filters: MemberFilters,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The committee's terms covering `filters.as_of` (or all of them), each as a
    `MembershipPublic`'s fields; `status` is relative to `as_of`."""
    params: dict[str, Any] = {
        "committee_id": committee_id,
        "as_of": filters.as_of,
        "limit": limit + 1,
    }
    if filters.role is not None:
        params["role"] = filters.role.value
    if filters.body_id is not None:
        params["body_id"] = filters.body_id
    if filters.updated_since is not None:
        params["updated_since"] = filters.updated_since
    if cursor is not None:
        params["after_sort_key"], params["after_id"] = decode_cursor(cursor, _KEYS)
    stmt = _members_query(
        in_force=not filters.all_terms,
        by_role=filters.role is not None,
        by_body=filters.body_id is not None,
        since=filters.updated_since is not None,
        after=cursor is not None,
    )
    rows = connection.execute(stmt, params).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].sort_key, rows[-1].id])
    return [member_item(row, filters.as_of) for row in rows], next_cursor


_KEYS = [col(Membership.sort_key), col(Membership.id)]


@lru_cache(maxsize=16)
def _members_query(
    *, in_force: bool, by_role: bool, by_body: bool, since: bool, after: bool
) -> Select[Any]:
    """The statement for one combination of filters, built once with its values as bound
    parameters (building a statement afresh, and computing its cache key, cost more than
    running it). Keyset paging as in `paginate`."""
    stmt = MEMBER_SELECT.where(col(Membership.committee_id) == _bind("committee_id", Membership.id))
    if in_force:
        stmt = stmt.where(in_force_on(_AS_OF))
    if by_role:
        stmt = stmt.where(col(Membership.role) == _bind("role", Membership.role))
    if by_body:
        stmt = stmt.where(col(Membership.body_id) == _bind("body_id", Membership.id))
    if since:
        updated_since = _bind("updated_since", Membership.updated_at)
        stmt = stmt.where(col(Membership.updated_at) >= updated_since)
    if after:
        last = tuple_(
            _bind("after_sort_key", Membership.sort_key), _bind("after_id", Membership.id)
        )
        stmt = stmt.where(tuple_(*_KEYS) > last)
    page: Select[Any] = stmt.order_by(*_KEYS).limit(bindparam("limit", type_=Integer))
    return page


def _bind(name: str, like: Any) -> BindParameter[Any]:
    """A parameter typed as the column `like` (a UUID is stored differently on SQLite)."""
    return bindparam(name, type_=like.type)


_AS_OF = _bind("as_of", Membership.start_on)
