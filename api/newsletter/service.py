"""The network newsletter: numbered issues, drafted then published, made of ordered items.

Items change only while their issue is a draft. An item may point to a contribution (not a
draft), a published HCTS publication or a committee's event (a meeting)."""

import uuid
from typing import Any

from sqlalchemy import Connection, bindparam, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.contributions import service as contributions
from api.core import etags
from api.core.clock import today
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, InvalidInput, NotFound
from api.core.queries import columns_for, where_given
from api.core.writes import apply_changes, patch_changes, save, store
from api.hcts import service_publications as publications
from api.meetings import service as meetings
from api.newsletter.models import NewsletterIssue, NewsletterItem
from api.newsletter.schemas import (
    MAX_POSITION,
    IssueCreate,
    IssueDetail,
    IssuePublic,
    IssueStatus,
    IssueUpdate,
    ItemCreate,
    ItemPublic,
    ItemUpdate,
)
from api.outbox.service import emit


class NoRoom(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            f"The issue has an item at its last place ({MAX_POSITION}); move it up first.",
            field="position",
        )


class NewsletterIssueNotFound(NotFound):
    default_detail = "No newsletter issue with this id."


class NewsletterItemNotFound(NotFound):
    default_detail = "No item with this id in this issue."


class IssueNumberTaken(Conflict):
    def __init__(self, number: int) -> None:
        super().__init__(f"Another issue already has number {number}.")


class IssuePublished(Conflict):
    def __init__(self, what: str) -> None:
        super().__init__(f"This issue is published: {what}.")


def may_manage(subject: Subject) -> bool:
    return subject.can(Permission.hcts_manage)


def find_issue(session: Session, *, issue_id: uuid.UUID, subject: Subject) -> NewsletterIssue:
    """The issue, or 404 when it does not exist or is a draft `subject` may not see."""
    issue = session.get(NewsletterIssue, issue_id)
    if issue is None or (issue.status != IssueStatus.published and not may_manage(subject)):
        raise NewsletterIssueNotFound()
    return issue


def find_item(session: Session, *, issue: NewsletterIssue, item_id: uuid.UUID) -> NewsletterItem:
    item = session.get(NewsletterItem, item_id)
    if item is None or item.issue_id != issue.id:
        raise NewsletterItemNotFound()
    return item


def list_issues(
    session: Session,
    *,
    subject: Subject,
    status: IssueStatus | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """Issues, newest number first; drafts only for those who manage the newsletter."""
    stmt = select(*_ISSUE_COLUMNS)
    if not may_manage(subject):
        stmt = stmt.where(NewsletterIssue.status == IssueStatus.published.value)
    stmt = where_given(stmt, (NewsletterIssue.status, status))
    order = [col(NewsletterIssue.number), col(NewsletterIssue.id)]
    return page_of_dicts(
        paginate(session, stmt, keys=order, limit=limit, cursor=cursor, descending=True),
    )


_ISSUE_COLUMNS = columns_for(NewsletterIssue, IssuePublic)


_ITEM_COLUMNS = columns_for(NewsletterItem, ItemPublic)
# A GET's one statement: the issue (its version too, and the status the guard decides on)
# outer-joined to its items in order, a row per item (one with NULL items when it has none).
_ISSUE_WITH_ITEMS = (
    core_select(
        *_ISSUE_COLUMNS,
        col(NewsletterIssue.version),
        *(column.label(f"item_{column.key}") for column in _ITEM_COLUMNS),
    )
    .select_from(NewsletterIssue)
    .outerjoin(NewsletterItem, col(NewsletterItem.issue_id) == col(NewsletterIssue.id))
    .where(col(NewsletterIssue.id) == bindparam("issue_id"))
    .order_by(col(NewsletterItem.position), col(NewsletterItem.id))
)


def read_issue(
    connection: Connection, *, issue_id: uuid.UUID, subject: Subject
) -> tuple[dict[str, Any], int]:
    """`find_issue` and `issue_detail` in one statement: the issue's `IssueDetail` fields
    and its version (404 as `find_issue`)."""
    rows = connection.execute(_ISSUE_WITH_ITEMS, {"issue_id": issue_id}).all()
    if not rows or (rows[0].status != IssueStatus.published and not may_manage(subject)):
        raise NewsletterIssueNotFound()
    first = rows[0]._mapping
    detail = {column.key: first[column.key] for column in _ISSUE_COLUMNS}
    detail["items"] = [
        {column.key: row._mapping[f"item_{column.key}"] for column in _ITEM_COLUMNS}
        for row in rows
        if row.item_id is not None
    ]
    return detail, first["version"]


def issue_detail(session: Session, *, issue: NewsletterIssue) -> IssueDetail:
    items = session.exec(
        select(NewsletterItem)
        .where(NewsletterItem.issue_id == issue.id)
        .order_by(col(NewsletterItem.position), col(NewsletterItem.id))
    ).all()
    return IssueDetail.model_validate(
        {
            **IssuePublic.model_validate(issue).model_dump(),
            "items": [ItemPublic.model_validate(item) for item in items],
        }
    )


def create_issue(session: Session, *, data: IssueCreate) -> NewsletterIssue:
    _check_number(session, number=data.number)
    issue = NewsletterIssue(number=data.number, title=data.title, editorial=data.editorial)
    store(session, issue)
    emit(
        session,
        "newsletter.issue.created",
        committee_id=None,
        payload={"issue_id": issue.id, "number": issue.number, "status": issue.status},
    )
    return issue


def update_issue(
    session: Session, *, issue: NewsletterIssue, data: IssueUpdate, if_match: str | None
) -> NewsletterIssue:
    """Change an issue's number, title or editorial (a published one too: corrections)."""
    changes = patch_changes(data)
    etags.require_match(if_match, issue.version)
    if "number" in changes and changes["number"] != issue.number:
        _check_number(session, number=changes["number"])
    apply_changes(session, issue, changes)
    emit(
        session,
        "newsletter.issue.updated",
        committee_id=None,
        payload={"issue_id": issue.id, "fields": sorted(changes)},
    )
    return issue


def publish_issue(
    session: Session, *, issue: NewsletterIssue, if_match: str | None
) -> NewsletterIssue:
    etags.check_match(if_match, issue.version)
    if issue.status == IssueStatus.published:
        raise IssuePublished("it was published already")
    issue.status = IssueStatus.published.value
    issue.published_on = today()
    save(session, issue)
    emit(
        session,
        "newsletter.issue.published",
        committee_id=None,
        payload={
            "issue_id": issue.id,
            "from": IssueStatus.draft.value,
            "to": IssueStatus.published.value,
            "published_on": issue.published_on,
        },
    )
    return issue


def delete_issue(session: Session, *, issue: NewsletterIssue, if_match: str | None) -> None:
    """Delete a draft with its items; a published issue is the network's record."""
    etags.require_match(if_match, issue.version)
    if issue.status != IssueStatus.draft:
        raise IssuePublished("it cannot be deleted")
    issue_id = issue.id
    session.delete(issue)
    session.flush()
    emit(session, "newsletter.issue.deleted", committee_id=None, payload={"issue_id": issue_id})


def create_item(session: Session, *, issue: NewsletterIssue, data: ItemCreate) -> NewsletterItem:
    _check_draft(issue)
    targets = {field: getattr(data, field) for field in _TARGET_FIELDS}
    _check_targets(session, kind=data.kind.value, targets=targets)
    if data.position is None:
        last = session.exec(
            select(func.max(NewsletterItem.position)).where(NewsletterItem.issue_id == issue.id)
        ).one()
        position = (last or 0) + 1
        if position > MAX_POSITION:
            raise NoRoom()
    else:
        position = data.position
        _check_room(session, issue_id=issue.id, position=position)
        _make_room(session, issue_id=issue.id, position=position)
    item = NewsletterItem(
        issue_id=issue.id,
        position=position,
        kind=data.kind.value,
        title=data.title,
        text=data.text,
        **targets,
    )
    store(session, item)
    emit(
        session,
        "newsletter.item.created",
        committee_id=None,
        payload={"issue_id": issue.id, "item_id": item.id, "kind": item.kind},
    )
    return item


def update_item(
    session: Session,
    *,
    issue: NewsletterIssue,
    item: NewsletterItem,
    data: ItemUpdate,
    if_match: str | None,
) -> NewsletterItem:
    _check_draft(issue)
    changes = patch_changes(data)
    if "kind" in changes:
        changes["kind"] = changes["kind"].value
    if changes.keys() & {"kind", *_TARGET_FIELDS}:
        kind = changes.get("kind", item.kind)
        targets = {field: changes.get(field, getattr(item, field)) for field in _TARGET_FIELDS}
        former = _TARGET_OF.get(item.kind)
        if former is not None and former != _TARGET_OF.get(kind) and former not in changes:
            targets[former] = None  # a target of the former kind goes with it
        _check_targets(session, kind=kind, targets=targets)
        changes |= targets
    position = changes.pop("position", item.position)
    if position != item.position:
        _check_room(session, issue_id=issue.id, position=position, moving_id=item.id)
    etags.require_match(if_match, item.version)
    if position != item.position:
        item.position = 0  # out of the way while the others move
        store(session, item)
        _make_room(session, issue_id=issue.id, position=position)
        changes["position"] = position
    changed = sorted(field for field, value in changes.items() if getattr(item, field) != value)
    apply_changes(session, item, changes)
    emit(
        session,
        "newsletter.item.updated",
        committee_id=None,
        payload={"issue_id": issue.id, "item_id": item.id, "fields": changed},
    )
    return item


def delete_item(
    session: Session, *, issue: NewsletterIssue, item: NewsletterItem, if_match: str | None
) -> None:
    _check_draft(issue)
    etags.require_match(if_match, item.version)
    item_id = item.id
    session.delete(item)
    session.flush()
    emit(
        session,
        "newsletter.item.deleted",
        committee_id=None,
        payload={"issue_id": issue.id, "item_id": item_id},
    )


_TARGET_OF = {
    "contribution": "contribution_id",
    "publication": "publication_id",
    "event": "meeting_id",
}
_TARGET_FIELDS = tuple(_TARGET_OF.values())


def _check_number(session: Session, *, number: int) -> None:
    taken = session.exec(select(NewsletterIssue.id).where(NewsletterIssue.number == number)).first()
    if taken is not None:
        raise IssueNumberTaken(number)


def _check_draft(issue: NewsletterIssue) -> None:
    if issue.status != IssueStatus.draft:
        raise IssuePublished("its items can no longer change")


def _check_targets(session: Session, *, kind: str, targets: dict[str, Any]) -> None:
    """The target matching `kind` is given and valid; no other target is."""
    wanted = _TARGET_OF.get(kind)
    for field, value in targets.items():
        if field != wanted and value is not None:
            raise InvalidInput(f"A {kind} item cannot have `{field}`.", field=field)
    if wanted is None:
        return
    target = targets[wanted]
    if target is None:
        raise InvalidInput(f"A {kind} item needs `{wanted}`.", field=wanted)
    if wanted == "contribution_id":
        contribution = contributions.find_contribution(session, contribution_id=target)
        if contribution is None or contribution.status == "draft":
            raise InvalidInput("No submitted contribution with this id.", field=wanted)
    elif wanted == "publication_id":
        publication = publications.find_publication(session, publication_id=target)
        if publication is None or publication.status != "published":
            raise InvalidInput("No published HCTS publication with this id.", field=wanted)
    elif meetings.find_meeting(session, meeting_id=target) is None:
        raise InvalidInput("No meeting with this id.", field=wanted)


def _check_room(
    session: Session, *, issue_id: uuid.UUID, position: int, moving_id: uuid.UUID | None = None
) -> None:
    """The items `_make_room` would move down stay within the places a client may give."""
    others = [col(NewsletterItem.issue_id) == issue_id, col(NewsletterItem.id) != moving_id]
    taken = session.exec(
        select(NewsletterItem.id).where(*others, NewsletterItem.position == position)
    ).first()
    last = session.exec(select(func.max(NewsletterItem.position)).where(*others)).one()
    if taken is not None and last is not None and last >= MAX_POSITION:
        raise NoRoom()


def _make_room(session: Session, *, issue_id: uuid.UUID, position: int) -> None:
    """Move the items at `position` and after one place down, if `position` is taken.

    In two steps through negative numbers, so the unique (issue, position) index never sees
    two items at one place, whatever order the database updates the rows in."""
    in_issue = col(NewsletterItem.issue_id) == issue_id
    taken = session.exec(
        select(NewsletterItem.id).where(in_issue, NewsletterItem.position == position)
    ).first()
    if taken is None:
        return
    session.execute(
        update(NewsletterItem)
        .where(in_issue, col(NewsletterItem.position) >= position)
        .values(
            position=-(col(NewsletterItem.position) + 1), version=col(NewsletterItem.version) + 1
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(NewsletterItem)
        .where(in_issue, col(NewsletterItem.position) < 0)
        .values(position=-col(NewsletterItem.position))
        .execution_options(synchronize_session=False)
    )
    for obj in list(session.identity_map.values()):
        if isinstance(obj, NewsletterItem):
            session.expire(obj)
