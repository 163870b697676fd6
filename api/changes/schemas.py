import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from api.core.schemas import Output


class ChangePublic(Output):
    """One change: what happened to which ids, never personal data (fetch the object, if you
    may read it, for the rest)."""

    id: int = Field(description="The event's number: unique, not an order (use the cursor).")
    type: str = Field(description="`<domain>.<thing>.<verb>`, one of `ChangeType`.")
    occurred_at: datetime
    committee_id: uuid.UUID | None = Field(description="null: a person's, or the network's.")
    payload: dict[str, Any] = Field(description="Ids and states of what changed.")
    by_client_id: uuid.UUID | None = Field(
        description="The machine client whose request made the change (null: a person's or "
        "the system's): a sync can recognise, and skip, its own writes."
    )


class ChangePage(Output):
    items: list[ChangePublic]
    next_cursor: str = Field(
        description="Where to resume: given even on an empty page, to poll with."
    )
