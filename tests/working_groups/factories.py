"""Working groups of a committee, built through the service."""

import itertools
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.working_groups import service
from api.working_groups.models import WorkingGroup
from api.working_groups.schemas import WorkingGroupCreate

_counter = itertools.count(1)


def make_working_group(session: Session, *, committee: Committee, **overrides: Any) -> WorkingGroup:
    fields: dict[str, Any] = {"title": f"Groupe de travail n°{next(_counter)}"} | overrides
    return service.create_working_group(
        session, committee_id=committee.id, data=WorkingGroupCreate.model_validate(fields)
    )
