"""Bodies of a committee, built through the service."""

import itertools
from typing import Any

from sqlmodel import Session

from api.bodies import service
from api.bodies.models import Body
from api.bodies.schemas import BodyCreate
from api.committees.models import Committee

_counter = itertools.count(1)


def make_body(session: Session, *, committee: Committee, **overrides: Any) -> Body:
    fields: dict[str, Any] = {"kind": "copil", "name": f"COPIL n°{next(_counter)}"} | overrides
    return service.create_body(
        session, committee_id=committee.id, data=BodyCreate.model_validate(fields)
    )
