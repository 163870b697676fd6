"""Actions of a work programme: content under the validated-content lock, tags, order."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from sqlalchemy import String, bindparam, cast, delete, func
from sqlmodel import Session, col, select

from api.core import etags
from api.core.integrity import delete_unless_referenced
from api.core.pagination import paginate
from api.core.problems import InvalidInput
from api.core.queries import among, columns_for
from api.core.writes import patch_changes, save, store
from api.memberships.service import has_membership
from api.programmes.models import Action, ActionTag, Tag, WorkProgramme
from api.programmes.schemas import ActionCreate, ActionPublic, ActionUpdate
from api.programmes.service import (
    Answer,
    HistoryKept,
    answer_columns,
    answer_of,
    ensure_content_editable,
)
from api.working_groups.service import find_working_group


def tag_ids_of(
    session: Session, action_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The tags of each action, in one query."""
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if action_ids:
        rows = session.exec(
            select(ActionTag.action_id, ActionTag.tag_id)
            .where(among(session, ActionTag.action_id, action_ids))
            .order_by(col(ActionTag.action_id), col(ActionTag.tag_id))
        ).all()
        for action_id, tag_id in rows:
            found[action_id].append(tag_id)
    return found


# The action's tags in one column, ids in text joined by commas (an aggregate both databases
# have), so that a GET reads the action, its tags and its programme in one statement.
_TAG_IDS = (
    select(func.aggregate_strings(cast(col(ActionTag.tag_id), String), ","))
    .where(col(ActionTag.action_id) == col(Action.id))
    .correlate(Action)
    .scalar_subquery()
    .label("tag_ids")
)
_ANSWER = (
    select(*[*columns_for(Action, ActionPublic), _TAG_IDS, *answer_columns(Action)])
    .join(WorkProgramme, col(WorkProgramme.id) == col(Action.programme_id))
    .where(col(Action.id) == bindparam("action_id"))
)


def find_answer(session: Session, *, action_id: uuid.UUID) -> Answer | None:
    """The action as a GET answers it, with what its guard needs (one statement)."""
    found = answer_of(session.connection().execute(_ANSWER, {"action_id": action_id}).first())
    if found is not None:
        joined = found.public["tag_ids"]
        # In the order of the lists' (by id: a uuid's text sorts as its bytes do).
        found.public["tag_ids"] = sorted(uuid.UUID(t) for t in joined.split(",")) if joined else []
    return found


def to_public_many(session: Session, actions: Sequence[Action]) -> list[ActionPublic]:
    tags = tag_ids_of(session, [a.id for a in actions])
    return [
        ActionPublic.model_validate(
            {**a.model_dump(), "tag_ids": tags.get(a.id, [])}  # model_dump: the row's columns
        )
        for a in actions
    ]


def to_public(session: Session, action: Action) -> ActionPublic:
    return to_public_many(session, [action])[0]


def list_actions(
    session: Session, *, programme_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[Action], str | None]:
    stmt = select(Action).where(Action.programme_id == programme_id)
    return paginate(
        session, stmt, keys=[col(Action.position), col(Action.id)], limit=limit, cursor=cursor
    )


def list_actions_public(
    session: Session, *, programme_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[ActionPublic], str | None]:
    """A page of the programme's actions with their tags (one query for the page's tags)."""
    items, next_cursor = list_actions(
        session, programme_id=programme_id, limit=limit, cursor=cursor
    )
    return to_public_many(session, items), next_cursor


def create_action(session: Session, *, programme: WorkProgramme, data: ActionCreate) -> Action:
    ensure_content_editable(programme)
    _check_links(session, programme, data.pilot_person_id, data.working_group_id)
    tag_ids = _checked_tags(session, data.tag_ids)
    last = session.exec(
        select(func.max(Action.position)).where(Action.programme_id == programme.id)
    ).one()
    action = Action(
        programme_id=programme.id,
        position=(last or 0) + 1,
        title=data.title,
        theme=data.theme,
        objectives=data.objectives,
        method_step=data.method_step.value,
        pilot_person_id=data.pilot_person_id,
        working_group_id=data.working_group_id,
    )
    store(session, action)
    _set_tags(session, action.id, tag_ids)
    return action


def update_action(
    session: Session,
    *,
    action: Action,
    programme: WorkProgramme,
    data: ActionUpdate,
    if_match: str | None,
) -> Action:
    changes = patch_changes(data)
    _check_links(
        session,
        programme,
        changes.get("pilot_person_id"),
        changes.get("working_group_id"),
    )
    tag_ids = changes.pop("tag_ids", None)
    tags = _checked_tags(session, tag_ids) if tag_ids is not None else None
    etags.require_match(if_match, action.version)
    ensure_content_editable(programme)
    if tags is not None:
        _set_tags(session, action.id, tags)
    position = changes.pop("position", None)
    if position is not None:
        _move(session, action, position)
    for name, value in changes.items():
        setattr(action, name, value)
    # A tag-only or order-only change is still a change of the action: bump its version.
    save(session, action)
    return action


def delete_action(
    session: Session, *, action: Action, programme: WorkProgramme, if_match: str | None
) -> None:
    etags.require_match(if_match, action.version)
    ensure_content_editable(programme)
    delete_unless_referenced(session, action, partial(HistoryKept, "action"))


def _check_links(
    session: Session,
    programme: WorkProgramme,
    pilot_person_id: uuid.UUID | None,
    working_group_id: uuid.UUID | None,
) -> None:
    if pilot_person_id is not None and not has_membership(
        session, person_id=pilot_person_id, committee_id=programme.committee_id
    ):
        raise InvalidInput(
            "The pilot must hold or have held a membership in the committee.",
            field="pilot_person_id",
        )
    if working_group_id is not None:
        group = find_working_group(session, working_group_id=working_group_id)
        if group is None or group.committee_id != programme.committee_id:
            raise InvalidInput(
                "No working group of this committee has this id.", field="working_group_id"
            )


def _checked_tags(session: Session, tag_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    wanted = set(tag_ids)
    if not wanted:
        return wanted
    known = set(session.exec(select(Tag.id).where(col(Tag.id).in_(wanted))).all())
    missing = wanted - known
    if missing:
        raise InvalidInput(
            f"Unknown tag ids: {', '.join(sorted(str(t) for t in missing))}.", field="tag_ids"
        )
    return wanted


def _set_tags(session: Session, action_id: uuid.UUID, tag_ids: set[uuid.UUID]) -> None:
    session.exec(delete(ActionTag).where(col(ActionTag.action_id) == action_id))
    session.add_all(ActionTag(action_id=action_id, tag_id=t) for t in sorted(tag_ids))
    session.flush()


def _move(session: Session, action: Action, position: int) -> None:
    """Put `action` at `position` (1-based, clamped) and renumber the others after it."""
    others = [
        a
        for a in session.exec(
            select(Action)
            .where(Action.programme_id == action.programme_id)
            .order_by(col(Action.position), col(Action.id))
        ).all()
        if a.id != action.id
    ]
    index = min(max(position, 1), len(others) + 1) - 1
    ordered = [*others[:index], action, *others[index:]]
    for n, item in enumerate(ordered, start=1):
        if item.position != n:
            item.position = n
            session.add(item)
