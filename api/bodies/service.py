"""Bodies of a committee. What other domains use is at the top."""

import uuid

from sqlmodel import Session

from api.bodies.models import Body


def find_body(session: Session, *, body_id: uuid.UUID) -> Body | None:
    return session.get(Body, body_id)
