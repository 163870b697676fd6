from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentSubject, login_required
from api.changes import service
from api.changes.catalogue import ChangeType
from api.changes.schemas import ChangePage
from api.core.pagination import Cursor, Limit
from api.core.responses import LIST
from api.db import ReaderDep

router = APIRouter(prefix="/changes", tags=["changes"], dependencies=login_required)


@router.get("", operation_id="changes-list", responses=LIST, response_model=ChangePage)
async def list_changes(
    read: ReaderDep,
    subject: CurrentSubject,
    types: Annotated[
        list[ChangeType] | None,
        Query(description="Only these types (repeat the parameter for several)."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """What changed, in the order the feed serves it (each transaction's changes together),
    after `cursor`: people, memberships, bodies, meetings and HCTS liaison.

    A caller reads the changes of the committees where they may read that kind of object
    (members' terms and people: the committee's admins; bodies and meetings: its members too;
    attendance, ballots and claims: its admins); network_admin reads everything, the
    network's own changes (HCTS content, seminars, newsletter) included. A change is served
    once every transaction that began before its own has ended, so a cursor never passes one
    that may still appear: poll with `next_cursor`, which an empty page gives too."""
    wanted = [t.value for t in types] if types else None
    return await read.page(
        ChangePage,
        partial(service.read_changes, subject=subject, types=wanted, limit=limit, cursor=cursor),
    )
