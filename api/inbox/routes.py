"""A committee's inbox: what HCTS and the network sent its way, with its read state."""

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.pagination import Cursor, Limit
from api.core.responses import GUARDED, GUARDED_INPUT
from api.core.schemas import QueryBool
from api.db import ReaderDep, SessionDep
from api.inbox import service
from api.inbox.deps import InboxCommittee
from api.inbox.schemas import InboxKind, InboxPage, InboxReadAll

router = APIRouter(tags=["inbox"], dependencies=login_required)

ItemId = Annotated[
    uuid.UUID,
    Path(description="The publication, call or seminar id, or the contribution transition's id."),
]
_ITEM = "/committees/{committee_id}/inbox/{kind}/{item_id}/read"


@router.get(
    "/committees/{committee_id}/inbox",
    operation_id="inbox-list",
    responses=GUARDED_INPUT,
    response_model=InboxPage,
)
async def list_inbox(
    read: ReaderDep,
    committee_id: InboxCommittee,
    kind: InboxKind | None = None,
    unread: QueryBool | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's inbox, newest first: unrelayed publications, open calls, HCTS's
    answers to its contributions and upcoming seminars, each read or unread."""
    return await read.page(
        InboxPage,
        partial(
            service.list_inbox,
            committee_id=committee_id,
            kind=kind,
            unread=unread,
            limit=limit,
            cursor=cursor,
        ),
    )


@router.put(_ITEM, status_code=204, operation_id="inbox-mark-read", responses=GUARDED_INPUT)
def mark_read(
    session: SessionDep,
    committee_id: InboxCommittee,
    subject: CurrentSubject,
    kind: InboxKind,
    item_id: ItemId,
) -> None:
    """Mark an item of the inbox read (already read: nothing changes)."""
    service.mark_read(
        session, committee_id=committee_id, kind=kind, item_id=item_id, user_id=subject.user_id
    )


@router.delete(_ITEM, status_code=204, operation_id="inbox-mark-unread", responses=GUARDED_INPUT)
def mark_unread(
    session: SessionDep, committee_id: InboxCommittee, kind: InboxKind, item_id: ItemId
) -> None:
    """Mark an item of the inbox unread again (already unread: nothing changes)."""
    service.mark_unread(session, committee_id=committee_id, kind=kind, item_id=item_id)


@router.post(
    "/committees/{committee_id}/inbox/read-all", operation_id="inbox-read-all", responses=GUARDED
)
def mark_all_read(
    session: SessionDep, committee_id: InboxCommittee, subject: CurrentSubject
) -> InboxReadAll:
    """Mark every item now unread as read; how many were marked."""
    marked = service.mark_all_read(session, committee_id=committee_id, user_id=subject.user_id)
    return InboxReadAll(marked=marked)
