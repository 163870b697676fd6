"""Work programmes, their actions and deliverables, built through the services."""

import itertools
from datetime import date
from typing import Any

from sqlmodel import Session, select

from api.committees.models import Committee
from api.programmes import service, service_actions, service_transitions
from api.programmes.models import Action, ActionTag, Deliverable, WorkProgramme
from api.programmes.schemas import ActionCreate, ProgrammeCreate, ProgrammeTransitionCreate

_counter = itertools.count(1)
# The moves from draft that reach each status.
_PATH = {
    "draft": [],
    "proposed": ["proposed"],
    "validated": ["proposed", "validated"],
    "in_progress": ["proposed", "validated", "in_progress"],
    "closed": ["proposed", "validated", "in_progress", "closed"],
}


def make_programme(
    session: Session, *, committee: Committee, status: str = "draft", **overrides: Any
) -> WorkProgramme:
    """A programme of `committee` (2024–2025 by default) walked to `status` by its lifecycle."""
    fields: dict[str, Any] = {
        "title": f"Programme de travail n°{next(_counter)}",
        "period_start": date(2024, 1, 1),
        "period_end": date(2025, 12, 31),
    } | overrides
    programme = service.create_programme(
        session,
        committee_id=committee.id,
        data=ProgrammeCreate.model_validate(fields),
        actor_id=None,
    )
    for step in _PATH[status]:
        programme = service_transitions.change_status(
            session,
            programme=programme,
            data=ProgrammeTransitionCreate.model_validate({"status": step}),
            actor_id=None,
            if_match=None,
        )
    return programme


def make_action(session: Session, *, programme: WorkProgramme, **overrides: Any) -> Action:
    """An action appended to `programme`; on a locked programme (validated and after) it is
    written through the model, as if added before validation."""
    fields: dict[str, Any] = {
        "title": f"Action n°{next(_counter)}",
        "theme": "Accès aux droits",
        "method_step": "needs_survey",
    } | overrides
    data = ActionCreate.model_validate(fields)
    if programme.status in service.CONTENT_EDITABLE:
        return service_actions.create_action(session, programme=programme, data=data)
    last = max((a.position for a in _actions(session, programme)), default=0)
    action = Action(
        programme_id=programme.id,
        position=last + 1,
        **data.model_dump(exclude={"tag_ids"}),
    )
    session.add(action)
    session.flush()
    session.add_all(ActionTag(action_id=action.id, tag_id=t) for t in data.tag_ids)
    session.flush()
    return action


def set_status(session: Session, programme: WorkProgramme, status: str) -> None:
    """`programme` in `status` straight away, for tests where only the status matters (the
    lifecycle is tested with transitions)."""
    programme.status = status
    session.add(programme)
    session.flush()


def an_action(session: Session, committee: Committee, status: str = "draft") -> Action:
    """An action of a new programme of `committee`, the programme set to `status`."""
    programme = make_programme(session, committee=committee)
    action = make_action(session, programme=programme)
    set_status(session, programme, status)
    return action


def make_deliverable(
    session: Session,
    *,
    action: Action | None = None,
    committee: Committee | None = None,
    **overrides: Any,
) -> Deliverable:
    """A deliverable of `action` (by default of an action of a new programme of `committee`)."""
    if action is None:
        assert committee is not None, "a deliverable needs an action or a committee"
        action = make_action(session, programme=make_programme(session, committee=committee))
    fields: dict[str, Any] = {
        "action_id": action.id,
        "title": f"Livrable n°{next(_counter)}",
        "kind": "report",
        "status": "planned",
    } | overrides
    deliverable = Deliverable(**fields)
    session.add(deliverable)
    session.flush()
    return deliverable


def _actions(session: Session, programme: WorkProgramme) -> list[Action]:
    return list(session.exec(select(Action).where(Action.programme_id == programme.id)).all())
