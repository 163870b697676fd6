"""The steps every service takes to write a row: apply the changes, stamp `updated_at`, flush."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel
from sqlmodel import Session

from api.core.clock import utcnow


class Stamped(Protocol):
    updated_at: datetime


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


def patch_changes(data: BaseModel) -> dict[str, Any]:
    """The fields a PATCH sent. Its `If-Match` is the service's next step once it has checked
    them (`etags.require_match`): a body at fault is a 422 whatever the ETag."""
    return data.model_dump(exclude_unset=True)


def store(session: Session, row: object) -> None:
    """Write `row` now (a flush): its keys and defaults are set, the constraints checked."""
    session.add(row)
    session.flush()


def save(session: Session, row: Stamped) -> None:
    """Stamp `updated_at` and flush: the UPDATE bumps the row's version (its ETag) even when
    only linked rows changed."""
    row.updated_at = utcnow()
    store(session, row)


def apply_changes(session: Session, row: Stamped, changes: Mapping[str, Any]) -> None:
    """Set each changed field (already checked and converted by the service), then `save`."""
    for field, value in changes.items():
        setattr(row, field, value)
    save(session, row)
