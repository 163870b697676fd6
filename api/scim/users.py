"""SCIM Users are people: who a caller sees, how a filter reads in SQL, and a person as a
User (`to_user`).

A caller sees the people with an open term (no end, or an end after today) in its committees:
provisioning is about who is a member from now on. Ending a person's terms today (DELETE, or
their removal from every group) takes them out of SCIM at once; their history stays."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, and_, bindparam, exists, func, literal
from sqlmodel import Session, select

from api.committees.service import COMMITTEE, join_committee
from api.memberships.service import TERM, goes_on_after
from api.people.service import RECORD as PERSON
from api.scim import filters
from api.scim.access import Caller
from api.scim.errors import ScimError
from api.scim.filters import Attribute, Kind
from api.scim.models import USER_EXTENSION
from api.scim.paging import Page, Query

CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
_EXT = USER_EXTENSION.lower()
_TERMS = _EXT


def constant(value: Any, type_: Any = None) -> Any:
    """`value` written into the SQL, not bound. psycopg prepares a statement run five times on
    a connection, and PostgreSQL then plans it once for any parameters: for "the terms of
    these committees" that generic plan reads every term of the committee (2 to 4 s a page of
    1,000 at national scale, against 0.1 s with the values known)."""
    if isinstance(value, list | tuple | set | frozenset):
        return bindparam(None, sorted(value), expanding=True, literal_execute=True)
    return literal(value, type_, literal_execute=True)


def open_on(today: date) -> ColumnElement[bool]:
    """SQL: the term goes on after `today` (SCIM's members are those of tomorrow on)."""
    return goes_on_after(constant(today, Date))


def _terms_of_person(caller: Caller, today: date) -> ColumnElement[bool]:
    conditions = [TERM.person_id == PERSON.id, open_on(today)]
    if caller.readable is not None:
        conditions.append(TERM.committee_id.in_(constant(caller.readable)))
    return and_(*conditions)


def visible(caller: Caller, today: date) -> ColumnElement[bool]:
    """SQL: the people `caller` sees through SCIM."""
    return exists().where(_terms_of_person(caller, today))


def attributes(caller: Caller, today: date) -> filters.Attributes:
    """What a filter or `sortBy` may name, and the column each reads."""

    def in_a_term(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(_terms_of_person(caller, today), condition)

    def term(column: Any, kind: Kind = Kind.string) -> Attribute:
        return Attribute(column, kind, case_exact=kind is Kind.id, within=in_a_term)

    return {
        "id": Attribute(PERSON.id, Kind.id),
        "username": Attribute(func.coalesce(PERSON.user_name, PERSON.email)),
        "externalid": Attribute(PERSON.external_id, case_exact=True),
        "name.givenname": Attribute(PERSON.first_name),
        "name.familyname": Attribute(PERSON.last_name),
        "displayname": Attribute(PERSON.first_name + " " + PERSON.last_name),
        "emails.value": Attribute(PERSON.email),
        "phonenumbers.value": Attribute(PERSON.phone),
        "meta.created": Attribute(PERSON.created_at, Kind.datetime),
        "meta.lastmodified": Attribute(PERSON.updated_at, Kind.datetime),
        f"{_EXT}:category": Attribute(PERSON.category),
        f"{_TERMS}:terms.committee": term(TERM.committee_id, Kind.id),
        f"{_TERMS}:terms.body": term(TERM.body_id, Kind.id),
        f"{_TERMS}:terms.role": term(TERM.role),
    }


_COLUMNS: list[Any] = [column for column in PERSON if column is not PERSON.sort_key]


def list_users(session: Session, *, caller: Caller, query: Query, today: date) -> Page:
    """One page of the Users `caller` sees, filtered and sorted in SQL."""
    table = attributes(caller, today)
    where = [visible(caller, today)]
    if query.filter is not None:
        where.append(filters.condition(filters.parse(query.filter), table, core=CORE))
    total = session.exec(select(func.count(PERSON.id)).where(*where)).one()
    if query.count == 0:
        return Page(total=total, start=query.start, rows=[])
    order: list[Any] = [PERSON.sort_key, PERSON.id]
    if query.sort_by is not None:
        column = filters.sort_column(query.sort_by, table, core=CORE)
        column = column.desc() if query.descending else column.asc()
        order = [column, PERSON.id]
    # The page's ids first, then their rows: a deep startIndex skips ids, not whole records
    # (a third less at startIndex 50,001 of 100,000).
    page = (
        select(PERSON.id)
        .where(*where)
        .order_by(*order)
        .offset(constant(query.start - 1, Integer))
        .limit(constant(query.count, Integer))
    )
    stmt = select(*_COLUMNS).where(PERSON.id.in_(page.scalar_subquery())).order_by(*order)
    rows = [row._asdict() for row in session.exec(stmt)]
    _add_terms(session, caller, rows, today)
    return Page(total=total, start=query.start, rows=rows)


def get_user(session: Session, *, caller: Caller, user_id: str, today: date) -> dict[str, Any]:
    """The person as `caller` sees them, or 404."""
    person_id = parse_id(user_id, "User")
    stmt = select(*_COLUMNS).where(PERSON.id == person_id, visible(caller, today))
    row = session.exec(stmt).first()
    if row is None:
        raise ScimError(404, f"No User {user_id}.")
    found: list[dict[str, Any]] = [row._asdict()]
    _add_terms(session, caller, found, today)
    return found[0]


def parse_id(value: str, resource: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ScimError(404, f"No {resource} {value}.") from None


def _add_terms(session: Session, caller: Caller, rows: list[dict[str, Any]], today: date) -> None:
    """Each row's open terms in the caller's committees (one query for the page)."""
    for row in rows:
        row["terms"] = []
    if not rows:
        return
    by_id = {row["id"]: row for row in rows}
    columns: list[Any] = [
        TERM.person_id,
        TERM.committee_id,
        COMMITTEE.name,
        TERM.body_id,
        TERM.role,
        TERM.start_on,
        TERM.end_on,
    ]
    stmt = join_committee(select(*columns), TERM.committee_id).where(
        TERM.person_id.in_(constant(by_id)), open_on(today)
    )
    if caller.readable is not None:
        stmt = stmt.where(TERM.committee_id.in_(constant(caller.readable)))
    stmt = stmt.order_by(TERM.start_on, TERM.id)
    # The first open term names the User extension's committee and role.
    for person_id, *term in session.exec(stmt):
        by_id[person_id]["terms"].append(term)


def to_user(row: dict[str, Any], *, base: str, with_terms: bool = False) -> dict[str, Any]:
    """A person (a row of `list_users`/`get_user`) as a SCIM User's JSON."""
    person_id = str(row["id"])
    user: dict[str, Any] = {
        "schemas": [CORE, USER_EXTENSION],
        "id": person_id,
        "userName": row["user_name"] or row["email"] or person_id,
        "name": {"familyName": row["last_name"], "givenName": row["first_name"]},
        "displayName": f"{row['first_name']} {row['last_name']}",
        "meta": {
            "resourceType": "User",
            "created": instant(row["created_at"]),
            "lastModified": instant(row["updated_at"]),
            "location": f"{base}/Users/{person_id}",
            "version": f'W/"{row["version"]}"',
        },
    }
    if row["external_id"] is not None:
        user["externalId"] = row["external_id"]
    if row["email"] is not None:
        user["emails"] = [{"value": row["email"]}]
    if row["phone"] is not None:
        user["phoneNumbers"] = [{"value": row["phone"]}]
    extension: dict[str, Any] = {}
    if row["category"] != "other":
        extension["category"] = row["category"]
    if row["terms"]:
        first = row["terms"][0]
        extension["committee"], extension["role"] = str(first[0]), first[3]
    if with_terms and row["terms"]:  # returned on request only (attributes=…:User:terms)
        extension["terms"] = [_term(*term) for term in row["terms"]]
    user[USER_EXTENSION] = extension
    return user


def _term(
    committee_id: uuid.UUID,
    committee_name: str,
    body_id: uuid.UUID | None,
    role: str,
    start_on: date,
    end_on: date | None,
) -> dict[str, Any]:
    term: dict[str, Any] = {
        "committee": str(committee_id),
        "committeeName": committee_name,
        "role": role,
        "startDate": start_on.isoformat(),
    }
    if body_id is not None:
        term["body"] = str(body_id)
    if role in ("titular", "substitute"):
        term["seat"] = role
    if end_on is not None:
        term["endDate"] = end_on.isoformat()
    return term


def instant(moment: Any) -> str:
    return str(moment.isoformat().replace("+00:00", "Z"))
