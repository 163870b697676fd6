import uuid
from datetime import datetime
from enum import StrEnum

from api.core.pagination import Page
from api.core.schemas import Output


class InboxKind(StrEnum):
    """What an inbox item is (matches api.inbox.models.INBOX_KINDS)."""

    publication = "publication"
    call = "call"
    contribution_update = "contribution_update"
    seminar = "seminar"


class ContributionUpdateStatus(StrEnum):
    """The statuses HCTS moves a contribution to (the moves the inbox reports)."""

    acknowledged = "acknowledged"
    taken_up = "taken_up"
    answered = "answered"
    declined = "declined"


class InboxItem(Output):
    """One item of a committee's inbox; the id matching `kind` opens it."""

    kind: InboxKind
    # A publication, call or seminar id, or (contribution_update) the transition's id.
    item_id: uuid.UUID
    title: str
    occurred_at: datetime
    read: bool
    read_at: datetime | None
    publication_id: uuid.UUID | None = None
    call_id: uuid.UUID | None = None
    contribution_id: uuid.UUID | None = None
    seminar_id: uuid.UUID | None = None
    # contribution_update only: the status HCTS moved the contribution to.
    to_status: ContributionUpdateStatus | None = None


class InboxPage(Page[InboxItem]):
    pass


class InboxReadAll(Output):
    marked: int
