"""Working groups of a committee. What other domains use is at the top."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, delete, insert
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.core import etags
from api.core.integrity import delete_unless_referenced
from api.core.pagination import paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import Prepared, among, json_in_order
from api.core.writes import patch_changes, save, store
from api.memberships import service as memberships
from api.people.service import PERSON, join_person
from api.working_groups.models import WorkingGroup, WorkingGroupMember, WorkingGroupPilot
from api.working_groups.schemas import (
    WorkingGroupCreate,
    WorkingGroupPublic,
    WorkingGroupStatus,
    WorkingGroupUpdate,
)


def find_working_group(session: Session, *, working_group_id: uuid.UUID) -> WorkingGroup | None:
    return session.get(WorkingGroup, working_group_id)


class WorkingGroupNotFound(NotFound):
    default_detail = "No working group with this id."


class WorkingGroupInUse(Conflict):
    default_detail = (
        "Actions of a work programme are carried by this working group; deleting it would "
        "change what the programme says. Close the group (status 'closed') instead, or "
        "move those actions to another group first."
    )


_PUBLIC_FIELDS = (
    "id", "committee_id", "title", "mandate", "theme", "status", "start_on", "end_on",
    "created_at", "updated_at",
)  # fmt: skip
_COLUMNS = [getattr(WorkingGroup, k) for k in _PUBLIC_FIELDS]


def _in_order(link: Any, *columns: Any) -> Any:
    """SQL: the `columns` of the group's people through `link` (pilots or members), as a JSON
    array in the people's order, for a statement on working groups."""
    people = join_person(core_select(*columns).select_from(link), col(link.person_id))
    return json_in_order(
        people.where(col(link.working_group_id) == col(WorkingGroup.id)).order_by(
            PERSON.sort_key, PERSON.id
        ),
        WorkingGroup,
    )


_PILOTS = _in_order(WorkingGroupPilot, PERSON.id, PERSON.first_name, PERSON.last_name)
_MEMBERS = _in_order(WorkingGroupMember, PERSON.id)


def _with_people(item: dict[str, Any], *, with_names: bool) -> dict[str, Any]:
    """`item`, a row with `pilots` and `members` (`_PILOTS`, `_MEMBERS`), as a
    `WorkingGroupPublic`'s fields."""
    pilots = [
        {"id": uuid.UUID(person_id), "first_name": first_name, "last_name": last_name}
        for person_id, first_name, last_name in item["pilots"]
    ]
    item["pilot_ids"] = [p["id"] for p in pilots]
    item["member_ids"] = [uuid.UUID(person_id) for person_id in item.pop("members")]
    item["pilots"] = pilots if with_names else None
    return item


_LIST = Prepared(
    core_select(*_COLUMNS, _PILOTS.label("pilots"), _MEMBERS.label("members")),
    committee_id=lambda value: col(WorkingGroup.committee_id) == value,
    status=lambda value: col(WorkingGroup.status) == value,
)


def list_working_groups(
    session: Session,
    *,
    committee_id: uuid.UUID,
    status: WorkingGroupStatus | None,
    with_names: bool,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    # Plain rows with their people: one statement a page, built once.
    stmt, params = _LIST(committee_id=committee_id, status=status)
    order = [col(WorkingGroup.title), col(WorkingGroup.id)]
    rows, next_cursor = paginate(
        session, stmt, keys=order, limit=limit, cursor=cursor, params=params
    )
    return [_with_people(row._asdict(), with_names=with_names) for row in rows], next_cursor


@dataclass(frozen=True)
class FoundGroup:
    """A group as its GET reads it: what the guard needs and the answer's fields."""

    committee_id: uuid.UUID
    version: int
    row: dict[str, Any]

    def public(self, *, with_names: bool) -> dict[str, Any]:
        return _with_people(dict(self.row), with_names=with_names)


_ONE = core_select(
    *_COLUMNS, col(WorkingGroup.version), _PILOTS.label("pilots"), _MEMBERS.label("members")
).where(col(WorkingGroup.id) == bindparam("working_group_id"))


def find_public(session: Session, *, working_group_id: uuid.UUID) -> FoundGroup | None:
    """The group whole, in one statement (its GET's guard and answer)."""
    row = session.connection().execute(_ONE, {"working_group_id": working_group_id}).first()
    if row is None:
        return None
    item = row._asdict()
    return FoundGroup(item["committee_id"], item.pop("version"), item)


def to_public(session: Session, group: WorkingGroup, *, with_names: bool) -> WorkingGroupPublic:
    return WorkingGroupPublic.model_validate(
        to_public_many(session, [group], with_names=with_names)[0]
    )


def to_public_many(
    session: Session, groups: Sequence[Any], *, with_names: bool
) -> list[dict[str, Any]]:
    """Groups (objects with the public columns) with their pilots and members, each
    as a `WorkingGroupPublic`'s fields: two queries whatever the number of groups."""
    ids = [g.id for g in groups]
    pilots: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
    members: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    if ids:
        pilot_rows = session.exec(
            join_person(
                select(
                    col(WorkingGroupPilot.working_group_id),
                    PERSON.id,
                    PERSON.first_name,
                    PERSON.last_name,
                ),
                col(WorkingGroupPilot.person_id),
            )
            .where(among(session, WorkingGroupPilot.working_group_id, ids))
            .order_by(PERSON.sort_key, PERSON.id)
        ).all()
        for group_id, person_id, first_name, last_name in pilot_rows:
            pilots[group_id].append(
                {"id": person_id, "first_name": first_name, "last_name": last_name}
            )
        member_rows = session.exec(
            join_person(
                select(WorkingGroupMember.working_group_id, WorkingGroupMember.person_id),
                col(WorkingGroupMember.person_id),
            )
            .where(among(session, WorkingGroupMember.working_group_id, ids))
            .order_by(PERSON.sort_key, PERSON.id)
        ).all()
        for group_id, person_id in member_rows:
            members[group_id].append(person_id)
    return [
        {
            **{k: getattr(g, k) for k in _PUBLIC_FIELDS},
            "pilot_ids": [p["id"] for p in pilots[g.id]],
            "member_ids": members[g.id],
            "pilots": pilots[g.id] if with_names else None,
        }
        for g in groups
    ]


def create_working_group(
    session: Session, *, committee_id: uuid.UUID, data: WorkingGroupCreate
) -> WorkingGroup:
    _check_people(session, committee_id, data.pilot_ids, field="pilot_ids")
    _check_people(session, committee_id, data.member_ids, field="member_ids")
    group = WorkingGroup(
        committee_id=committee_id,
        title=data.title,
        mandate=data.mandate,
        theme=data.theme,
        status=data.status.value,
        start_on=data.start_on,
        end_on=data.end_on,
    )
    store(session, group)
    _set_people(session, group.id, pilot_ids=data.pilot_ids, member_ids=data.member_ids)
    return group


def update_working_group(
    session: Session, *, group: WorkingGroup, data: WorkingGroupUpdate, if_match: str | None
) -> WorkingGroup:
    changes = patch_changes(data)
    start_on: date | None = changes.get("start_on", group.start_on)
    end_on: date | None = changes.get("end_on", group.end_on)
    if start_on is not None and end_on is not None and end_on < start_on:
        raise InvalidInput("end_on must not be before start_on.", field="end_on")
    for field in ("pilot_ids", "member_ids"):
        if field in changes:
            _check_people(session, group.committee_id, changes[field], field=field)
    etags.require_match(if_match, group.version)
    if "status" in changes:
        changes["status"] = WorkingGroupStatus(changes["status"]).value
    for field in ("title", "mandate", "theme", "status", "start_on", "end_on"):
        if field in changes:
            setattr(group, field, changes[field])
    # Also bumps the version when only the lists changed
    save(session, group)
    # After the flush: the link statements would autoflush the group, bumping it twice.
    _set_people(
        session, group.id, pilot_ids=changes.get("pilot_ids"), member_ids=changes.get("member_ids")
    )
    return group


def delete_working_group(session: Session, *, group: WorkingGroup, if_match: str | None) -> None:
    """Delete a group no programme action refers to (ON DELETE RESTRICT): unlinking the actions
    would rewrite a (possibly validated) programme."""
    etags.require_match(if_match, group.version)
    delete_unless_referenced(session, group, WorkingGroupInUse())


def _check_people(
    session: Session, committee_id: uuid.UUID, person_ids: list[uuid.UUID], *, field: str
) -> None:
    """Pilots and members alike: people who hold or held a membership in the committee."""
    known = memberships.members_among(session, committee_id=committee_id, person_ids=person_ids)
    for index, person_id in enumerate(person_ids):
        if person_id not in known:
            raise InvalidInput(
                f"Person {person_id} has never been a member of this committee; the group's "
                "pilots and members must hold or have held a membership in it.",
                field=[field, index],
            )


def _set_people(
    session: Session,
    group_id: uuid.UUID,
    *,
    pilot_ids: list[uuid.UUID] | None,
    member_ids: list[uuid.UUID] | None,
) -> None:
    """Replace the lists that are given (None leaves a list as it is). Core statements: the
    link rows never live in the identity map, so a list sent again does not clash with it."""
    if pilot_ids is not None:
        _replace_links(session, WorkingGroupPilot, group_id, pilot_ids)
    if member_ids is not None:
        _replace_links(session, WorkingGroupMember, group_id, member_ids)


def _replace_links(
    session: Session,
    link: type[WorkingGroupPilot] | type[WorkingGroupMember],
    group_id: uuid.UUID,
    person_ids: list[uuid.UUID],
) -> None:
    session.execute(delete(link).where(col(link.working_group_id) == group_id))
    if person_ids:
        rows = [{"working_group_id": group_id, "person_id": i} for i in person_ids]
        session.execute(insert(link), rows)
