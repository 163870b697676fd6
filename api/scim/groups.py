"""SCIM Groups are a committee's bodies (COPIL, COTECH, plenary…), their members the people
with an open term in the body: who a caller sees, how a filter reads in SQL, and a body as a
Group (`to_group`)."""

import hashlib
import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, exists, func, true
from sqlmodel import Session, select

from api.bodies.service import BODY
from api.memberships.service import TERM
from api.scim import filters
from api.scim.access import Caller
from api.scim.errors import ScimError
from api.scim.filters import Attribute, Kind
from api.scim.models import GROUP_EXTENSION
from api.scim.paging import Page, Query
from api.scim.users import constant, instant, open_on, parse_id

CORE = "urn:ietf:params:scim:schemas:core:2.0:Group"
_EXT = GROUP_EXTENSION.lower()


def visible(caller: Caller) -> ColumnElement[bool]:
    if caller.readable is None:
        return true()
    condition: ColumnElement[bool] = BODY.committee_id.in_(constant(caller.readable))
    return condition


def attributes(today: date) -> filters.Attributes:
    def in_a_term(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(TERM.body_id == BODY.id, open_on(today), condition)

    return {
        "id": Attribute(BODY.id, Kind.id),
        "displayname": Attribute(BODY.name),
        "externalid": Attribute(BODY.external_id, case_exact=True),
        "meta.created": Attribute(BODY.created_at, Kind.datetime),
        "meta.lastmodified": Attribute(BODY.updated_at, Kind.datetime),
        "members.value": Attribute(TERM.person_id, Kind.id, True, in_a_term),
        f"{_EXT}:committee": Attribute(BODY.committee_id, Kind.id, case_exact=True),
        f"{_EXT}:kind": Attribute(BODY.kind),
    }


_COLUMNS: list[Any] = list(BODY)


def list_groups(session: Session, *, caller: Caller, query: Query, today: date) -> Page:
    table = attributes(today)
    where = [visible(caller)]
    if query.filter is not None:
        where.append(filters.condition(filters.parse(query.filter), table, core=CORE))
    total = session.exec(select(func.count(BODY.id)).where(*where)).one()
    if query.count == 0:
        return Page(total=total, start=query.start, rows=[])
    order: list[Any] = [BODY.name, BODY.id]
    if query.sort_by is not None:
        column = filters.sort_column(query.sort_by, table, core=CORE)
        order = [column.desc() if query.descending else column.asc(), BODY.id]
    stmt = (
        select(*_COLUMNS)
        .where(*where)
        .order_by(*order)
        .offset(constant(query.start - 1, Integer))
        .limit(constant(query.count, Integer))
    )
    rows = [row._asdict() for row in session.exec(stmt)]
    _add_members(session, rows, today)
    return Page(total=total, start=query.start, rows=rows)


def get_group(session: Session, *, caller: Caller, group_id: str, today: date) -> dict[str, Any]:
    body_id = parse_id(group_id, "Group")
    row = session.exec(select(*_COLUMNS).where(BODY.id == body_id, visible(caller))).first()
    if row is None:
        raise ScimError(404, f"No Group {group_id}.")
    found: list[dict[str, Any]] = [row._asdict()]
    _add_members(session, found, today)
    return found[0]


def _add_members(session: Session, rows: list[dict[str, Any]], today: date) -> None:
    for row in rows:
        row["members"] = []
    if not rows:
        return
    by_id = {row["id"]: row for row in rows}
    stmt = (
        select(TERM.body_id, TERM.person_id)
        .where(TERM.body_id.in_(constant(by_id)), open_on(today))
        .order_by(TERM.sort_key, TERM.person_id)
    )
    for body_id, person_id in session.exec(stmt):
        members = by_id[body_id]["members"]
        if not members or members[-1] != person_id:
            members.append(person_id)


def member_ids(session: Session, *, body_id: uuid.UUID, today: date) -> set[uuid.UUID]:
    rows = session.exec(select(TERM.person_id).where(TERM.body_id == body_id, open_on(today)))
    return set(rows)


def version_of(row: dict[str, Any]) -> str:
    """The body's version and who its members are: a change to either is a new version."""
    members = ",".join(str(m) for m in sorted(row["members"]))
    digest = hashlib.sha256(members.encode()).hexdigest()[:12]
    return f'W/"{row["version"]}-{digest}"'


def to_group(row: dict[str, Any], *, base: str) -> dict[str, Any]:
    group_id = str(row["id"])
    group: dict[str, Any] = {
        "schemas": [CORE, GROUP_EXTENSION],
        "id": group_id,
        "displayName": row["name"],
        "meta": {
            "resourceType": "Group",
            "created": instant(row["created_at"]),
            "lastModified": instant(row["updated_at"]),
            "location": f"{base}/Groups/{group_id}",
            "version": version_of(row),
        },
    }
    if row["external_id"] is not None:
        group["externalId"] = row["external_id"]
    if row["members"]:
        group["members"] = [
            {"value": str(m), "$ref": f"{base}/Users/{m}", "type": "User"} for m in row["members"]
        ]
    extension: dict[str, Any] = {"committee": str(row["committee_id"])}
    if row["kind"] != "other":
        extension["kind"] = row["kind"]
    group[GROUP_EXTENSION] = extension
    return group
