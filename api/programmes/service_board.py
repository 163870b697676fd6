"""The programme board: one query per table, whatever the number of actions (no N+1)."""

import uuid
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from api.core.clock import today
from api.programmes import service_deliverables as deliverables
from api.programmes import service_indicators as indicators
from api.programmes.models import (
    Action,
    ActionTag,
    Deliverable,
    Indicator,
    ProgrammeTransition,
    Tag,
    WorkProgramme,
)
from api.programmes.schemas_board import BoardAction, BoardProgramme, BoardPublic, BoardTag
from api.programmes.schemas_deliverables import DeliverablePublic
from api.programmes.schemas_indicators import IndicatorPublic


def board(session: Session, *, programme: WorkProgramme) -> BoardPublic:
    conn = session.connection()
    of_programme = col(Action.programme_id) == programme.id
    transitions = conn.execute(
        select(ProgrammeTransition)
        .where(col(ProgrammeTransition.programme_id) == programme.id)
        .order_by(col(ProgrammeTransition.seq))
    ).all()
    actions = conn.execute(
        select(Action).where(of_programme).order_by(col(Action.position), col(Action.id))
    ).all()

    tags: dict[uuid.UUID, list[BoardTag]] = defaultdict(list)
    for row in conn.execute(
        select(col(ActionTag.action_id), Tag)
        .join(Tag, col(Tag.id) == col(ActionTag.tag_id))
        .join(Action, col(Action.id) == col(ActionTag.action_id))
        .where(of_programme)
        .order_by(col(Tag.code))
    ):
        tags[row.action_id].append(BoardTag.model_validate(dict(row._mapping)))

    on = today()
    items: dict[uuid.UUID, list[DeliverablePublic]] = defaultdict(list)
    stmt: Any = deliverables.base_query(on).where(of_programme)
    for row in conn.execute(stmt.order_by(deliverables.due_key(), col(Deliverable.id))):
        items[row.action_id].append(DeliverablePublic.model_validate(dict(row._mapping)))

    measures: dict[uuid.UUID, list[IndicatorPublic]] = defaultdict(list)
    stmt = indicators.indicators_with_latest(
        col(Indicator.action_id).in_(select(col(Action.id)).where(of_programme))
    ).order_by(col(Indicator.created_at), col(Indicator.id))
    for row in conn.execute(stmt):
        measures[row.action_id].append(indicators.indicator_from_row(row))

    return BoardPublic(
        programme=BoardProgramme.model_validate(programme),
        transitions=[dict(t._mapping) for t in transitions],
        actions=[
            BoardAction.model_validate(
                dict(a._mapping)
                | {"tags": tags[a.id], "deliverables": items[a.id], "indicators": measures[a.id]}
            )
            for a in actions
        ],
        overdue_deliverables=sum(d.overdue for ds in items.values() for d in ds),
    )
