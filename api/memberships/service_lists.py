"""Reading memberships: the members list (benchmarked: one query a page), a person's terms."""

import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    bindparam,
    or_,
    tuple_,
)
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core.pagination import decode_cursor, encode_cursor, paginate
from api.core.problems import NotFound
from api.memberships.models import Membership
from api.memberships.schemas import MembershipPage, MembershipPublic, MembershipRole
from api.memberships.service import MEMBERSHIP_COLUMNS, MembershipNotFound, status_on
from api.people.models import Person
from api.people.service import find_person

# The person summary, read in the same query as the terms: no ORM objects, no per-row query.
_PERSON_COLUMNS: list[Any] = [
    col(Person.first_name),
    col(Person.last_name),
    col(Person.category),
    col(Person.organisation_id),
]
_SELECT = select(*MEMBERSHIP_COLUMNS, *_PERSON_COLUMNS).join(
    Person, col(Person.id) == col(Membership.person_id)
)


@dataclass(frozen=True)
class MemberFilters:
    as_of: date
    all_terms: bool = False
    role: MembershipRole | None = None
    body_id: uuid.UUID | None = None


def in_force_on(day: date | BindParameter[date]) -> ColumnElement[bool]:
    """SQL condition: the term covers `day` (first and last days included)."""
    return (col(Membership.start_on) <= day) & or_(
        col(Membership.end_on).is_(None), col(Membership.end_on) >= day
    )


_PAGE_JSON = TypeAdapter(MembershipPage)


def members_json(
    connection: Connection,
    *,
    committee_id: uuid.UUID,
    filters: MemberFilters,
    limit: int,
    cursor: str | None,
) -> bytes:
    """The members page as the JSON body of the response: validated once, serialised once
    (the route returns these bytes; FastAPI would validate the page a second time)."""
    page = list_members(
        connection, committee_id=committee_id, filters=filters, limit=limit, cursor=cursor
    )
    return _PAGE_JSON.dump_json(page)


def list_members(
    connection: Session | Connection,
    *,
    committee_id: uuid.UUID,
    filters: MemberFilters,
    limit: int,
    cursor: str | None,
) -> MembershipPage:
    """The committee's terms in name order, keyset-paged on the (committee, sort_key, id) index."""
    params: dict[str, Any] = {"committee_id": committee_id, "limit": limit + 1}
    if not filters.all_terms:
        params["as_of"] = filters.as_of
    if filters.role is not None:
        params["role"] = filters.role.value
    if filters.body_id is not None:
        params["body_id"] = filters.body_id
    if cursor is not None:
        params["after_sort_key"], params["after_id"] = decode_cursor(cursor, _KEYS)
    stmt = _members_query(
        in_force=not filters.all_terms,
        by_role=filters.role is not None,
        by_body=filters.body_id is not None,
        after=cursor is not None,
    )
    if isinstance(connection, Session):
        connection = connection.connection()
    rows = list(connection.execute(stmt, params))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].sort_key, rows[-1].id])
    return _page(rows, next_cursor, filters.as_of)


_KEYS = [col(Membership.sort_key), col(Membership.id)]


@lru_cache(maxsize=16)
def _members_query(*, in_force: bool, by_role: bool, by_body: bool, after: bool) -> Select[Any]:
    """The members list's statement for one combination of filters, built once with its values
    as bound parameters (the list is the hot path: building a statement afresh, and computing
    its cache key, cost more than running it). Keyset paging as in `paginate`."""
    stmt = _SELECT.where(col(Membership.committee_id) == _bind("committee_id", Membership.id))
    if in_force:
        stmt = stmt.where(in_force_on(_bind("as_of", Membership.start_on)))
    if by_role:
        stmt = stmt.where(col(Membership.role) == _bind("role", Membership.role))
    if by_body:
        stmt = stmt.where(col(Membership.body_id) == _bind("body_id", Membership.id))
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


def list_of_person(
    session: Session,
    *,
    person_id: uuid.UUID,
    subject: Subject,
    day: date,
    limit: int,
    cursor: str | None,
) -> MembershipPage:
    """Every term of the person the caller may read, oldest first.

    The person sees all of theirs, network_admin everyone's, a committee admin the terms in the
    committees they administer; a caller who may read none of the person's terms gets a 404."""
    if find_person(session, person_id=person_id) is None:
        raise PersonNotFound()
    everything = subject.is_network_admin or subject.person_id == person_id
    stmt = _SELECT.where(col(Membership.person_id) == person_id)
    if not everything:
        stmt = stmt.where(
            col(Membership.committee_id).in_(subject.committees_where(Permission.members_read))
        )
    rows, next_cursor = paginate(
        session,
        stmt,
        keys=[col(Membership.start_on), col(Membership.id)],
        limit=limit,
        cursor=cursor,
    )
    if not rows and cursor is None and not everything:
        raise PersonNotFound()  # its existence must not leak to other committees' admins
    return _page(rows, next_cursor, day)


class PersonNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No person with this id.")


def get_public(session: Session, *, membership_id: uuid.UUID, day: date) -> MembershipPublic:
    row = session.exec(_SELECT.where(col(Membership.id) == membership_id)).first()
    if row is None:
        raise MembershipNotFound()
    return MembershipPublic.model_validate(_item(row, day))


def _page(rows: list[Any], next_cursor: str | None, day: date) -> MembershipPage:
    # One validation call for the whole page, not one per row; field names read once.
    fields = rows[0]._fields if rows else ()
    return MembershipPage.model_validate(
        {"items": [_item(row, day, fields) for row in rows], "next_cursor": next_cursor}
    )


def _item(row: Any, day: date, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = dict(zip(fields or row._fields, row, strict=True))
    item["status"] = status_on(day, item["start_on"], item["end_on"])
    item["person"] = {
        "id": item["person_id"],
        "first_name": item.pop("first_name"),
        "last_name": item.pop("last_name"),
        "category": item.pop("category"),
        "organisation_id": item.pop("organisation_id"),
    }
    return item
