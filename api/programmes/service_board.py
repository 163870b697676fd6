"""The programme board: four statements whatever the number of actions (no N+1), each built
once: the programme with its transitions, the actions with their tags, the deliverables, the
indicators. Its read guard decides on what they read (one read, no statement of its own for
a network admin)."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from api.core.clock import today
from api.core.queries import columns_for
from api.programmes import service_deliverables as deliverables
from api.programmes import service_indicators as indicators
from api.programmes.models import (
    Action,
    ActionTag,
    Indicator,
    ProgrammeTransition,
    Tag,
    WorkProgramme,
)
from api.programmes.schemas_board import BoardAction, BoardProgramme, BoardTag, BoardTransition


@dataclass(frozen=True)
class Board:
    """A programme's board in the fields of `BoardPublic`, and what its guard decides on."""

    committee_id: uuid.UUID
    programme_status: str
    public: dict[str, Any]


_PROGRAMME_COLUMNS = columns_for(WorkProgramme, BoardProgramme)
_TRANSITION_COLUMNS = columns_for(ProgrammeTransition, BoardTransition)
# The transitions' columns are named apart from the programme's (both have a status).
_PROGRAMME: Any = (
    select(*[*_PROGRAMME_COLUMNS, *(c.label(f"transition_{c.key}") for c in _TRANSITION_COLUMNS)])
    .outerjoin(ProgrammeTransition, col(ProgrammeTransition.programme_id) == col(WorkProgramme.id))
    .where(col(WorkProgramme.id) == bindparam("programme_id"))
    .order_by(col(ProgrammeTransition.seq))
)
_IN_PROGRAMME = col(Action.programme_id) == bindparam("programme_id")
_TAG_COLUMNS = columns_for(Tag, BoardTag)
# An action's row for each of its tags (one without tags: one row, its tag columns null).
_ACTIONS: Any = (
    select(
        *[
            *columns_for(Action, BoardAction),
            *(c.label(f"tag_{c.key}") for c in _TAG_COLUMNS),
        ]
    )
    .outerjoin(ActionTag, col(ActionTag.action_id) == col(Action.id))
    .outerjoin(Tag, col(Tag.id) == col(ActionTag.tag_id))
    .where(_IN_PROGRAMME)
    .order_by(col(Action.position), col(Action.id), col(Tag.code))
)
_DELIVERABLES: Any = deliverables.LISTED.where(_IN_PROGRAMME).order_by(*deliverables.ORDER)
_INDICATORS: Any = (
    indicators.WITH_LATEST.join_from(Indicator, Action, col(Action.id) == col(Indicator.action_id))
    .where(_IN_PROGRAMME)
    .order_by(*indicators.ORDER)
)
_ACTION_FIELDS = [c.key for c in columns_for(Action, BoardAction)]


def find_board(session: Session, *, programme_id: uuid.UUID) -> Board | None:
    """The programme's board (None: no such programme)."""
    conn = session.connection()
    params = {"programme_id": programme_id}
    rows = conn.execute(_PROGRAMME, params).all()
    if not rows:
        return None
    programme = {c.key: getattr(rows[0], c.key) for c in _PROGRAMME_COLUMNS}
    transitions = [
        {c.key: getattr(row, f"transition_{c.key}") for c in _TRANSITION_COLUMNS}
        for row in rows
        if row.transition_seq is not None
    ]

    actions: dict[uuid.UUID, dict[str, Any]] = {}
    for row in conn.execute(_ACTIONS, params):
        action = actions.get(row.id)
        if action is None:
            action = {name: getattr(row, name) for name in _ACTION_FIELDS}
            action |= {"tags": [], "deliverables": [], "indicators": []}
            actions[row.id] = action
        if row.tag_id is not None:
            action["tags"].append({c.key: getattr(row, f"tag_{c.key}") for c in _TAG_COLUMNS})

    overdue = 0
    if actions:
        rows = conn.execute(_DELIVERABLES, params | {"on": today()}).all()
        for item in deliverables.deliverable_items(rows):
            overdue += item["overdue"]
            actions[item["action_id"]]["deliverables"].append(item)
        for item in indicators.indicator_items(conn.execute(_INDICATORS, params).all()):
            actions[item["action_id"]]["indicators"].append(item)

    public = {
        "programme": programme,
        "transitions": transitions,
        "actions": list(actions.values()),
        "overdue_deliverables": overdue,
    }
    return Board(programme["committee_id"], programme["status"], public)
