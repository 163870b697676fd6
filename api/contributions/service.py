"""Contributions (*remontées*): what a committee sends up to HCTS. Visibility is at the top.

Who may read a contribution is decided in SQL (`visible_to`): network_admin all of them; a
committee's admins (`contributions:write`) all of their committee's, drafts included; its
members (`contributions:read`) the ones sent to HCTS (not drafts); nobody else. Committees
edit and delete only drafts; the lifecycle is in `service_transitions`."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    bindparam,
    false,
    func,
    or_,
    true,
)
from sqlalchemy import select as core_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.contributions import service_transitions
from api.contributions.models import Contribution, ContributionTransition
from api.contributions.schemas import (
    ContributionCreate,
    ContributionKind,
    ContributionPublic,
    ContributionStatus,
    ContributionUpdate,
)
from api.core import etags
from api.core.clock import today
from api.core.pagination import page_of_dicts, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Prepared, among, first_or_raise, where_given
from api.core.writes import apply_changes, patch_changes, store
from api.outbox.service import emit
from api.programmes import service_deliverables as deliverables

# The steps whose date a contribution shows; the three outcomes share `closed_on`.
CLOSED = frozenset({"taken_up", "answered", "declined"})
# Where a contribution stands once HCTS moved it, for good: the lifecycle never moves back.
MOVED_BY_HCTS = CLOSED | {"acknowledged"}


class ContributionNotFound(NotFound):
    default_detail = "No contribution with this id."


class ContributionNotDraft(Conflict):
    def __init__(self, status: str, verb: str) -> None:
        super().__init__(
            f"Only a draft contribution can be {verb}; this one is {status}: once sent to "
            "HCTS it is kept as it was sent."
        )


# --- visibility ---------------------------------------------------------------------------


def visible_to(subject: Subject) -> ColumnElement[bool]:
    """SQL condition on Contribution: what `subject` may read."""
    if subject.is_network_admin:
        return true()
    writers = subject.committees_where(Permission.contributions_write)
    readers = subject.committees_where(Permission.contributions_read) - writers
    return or_(
        col(Contribution.committee_id).in_(writers) if writers else false(),
        and_(col(Contribution.committee_id).in_(readers), col(Contribution.status) != "draft")
        if readers
        else false(),
    )


def find_contribution(session: Session, *, contribution_id: uuid.UUID) -> Contribution | None:
    return session.get(Contribution, contribution_id)


def get_contribution(
    session: Session, *, contribution_id: uuid.UUID, subject: Subject
) -> Contribution:
    """The contribution, or 404 when it does not exist or `subject` may not read it."""
    visible = select(Contribution).where(Contribution.id == contribution_id, visible_to(subject))
    return first_or_raise(session, visible, ContributionNotFound())


def ensure_writable(subject: Subject, contribution: Contribution) -> None:
    if not subject.can(Permission.contributions_write, contribution.committee_id):
        raise Forbidden("You do not manage this committee's contributions.")


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionFilters:
    committee_id: uuid.UUID | None = None
    status: ContributionStatus | None = None
    kind: ContributionKind | None = None
    # A past day: `status` filters on, and the page shows, the lifecycle as it stood then.
    as_of: date | None = None


def list_contributions(
    session: Session,
    *,
    subject: Subject,
    filters: ContributionFilters,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The contributions `subject` may read, newest first, each a `ContributionPublic`'s
    fields."""
    as_of = filters.as_of if filters.as_of is not None and filters.as_of < today() else None
    order = [col(Contribution.created_at), col(Contribution.id)]
    if as_of is None:
        # No step is dated after today: the contribution's own status is its latest, and the
        # page reads its steps' dates in the same statement, built once.
        stmt, params = _page_statement(subject, filters)
        page = paginate(
            session, stmt, keys=order, limit=limit, cursor=cursor, descending=True, params=params
        )
        return page_of_dicts(page)
    step = aliased(ContributionTransition)
    stmt = select(*_COLUMNS).where(visible_to(subject))
    stmt = stmt.join(
        step, col(step.id) == service_transitions.STEPS.last_on(col(Contribution.id), as_of)
    )
    stmt = where_given(
        stmt,
        (Contribution.committee_id, filters.committee_id),
        (step.to_status, filters.status),
        (Contribution.kind, filters.kind),
    )
    rows, next_cursor = paginate(
        session, stmt, keys=order, limit=limit, cursor=cursor, descending=True
    )
    return to_public_many(session, rows, as_of=as_of), next_cursor


def to_public(session: Session, contribution: Contribution) -> ContributionPublic:
    return ContributionPublic.model_validate(to_public_many(session, [contribution])[0])


# Its own columns, as a list reads them (no ORM objects); the version is the ETag's.
_COLUMNS = [
    column
    for column in Contribution.__table__.columns  # type: ignore[attr-defined]
    if column.key != "version"
]


def _last_on(*statuses: str) -> Any:
    """SQL: the date of the contribution's last step to one of `statuses` (its steps are
    ordered by their date first, so the last one's is the latest date)."""
    step = ContributionTransition
    return (
        core_select(func.max(col(step.effective_on)))
        .where(
            col(step.contribution_id) == col(Contribution.id),
            col(step.to_status).in_(sorted(statuses)),
        )
        .scalar_subquery()
    )


# A contribution as `ContributionPublic` has it, today: its columns and its steps' dates (one
# index probe each), so that neither a page nor a GET reads its steps apart.
_SHOWN = core_select(
    *_COLUMNS,
    _last_on("draft").label("drafted_on"),
    _last_on("submitted").label("submitted_on"),
    _last_on("acknowledged").label("acknowledged_on"),
    _last_on(*CLOSED).label("closed_on"),
)
_FILTERS: dict[str, Any] = {
    "committee_id": lambda value: col(Contribution.committee_id) == value,
    "status": lambda value: col(Contribution.status) == value,
    "kind": lambda value: col(Contribution.kind) == value,
}
# The pages, built once per combination of filters: a network admin's, and everyone else's
# (`visible_to` with its committees bound).
_ALL = Prepared(_SHOWN, **_FILTERS)
_VISIBLE = Prepared(
    _SHOWN.where(
        or_(
            col(Contribution.committee_id).in_(bindparam("writers", expanding=True)),
            and_(
                col(Contribution.committee_id).in_(bindparam("readers", expanding=True)),
                col(Contribution.status) != "draft",
            ),
        )
    ),
    **_FILTERS,
)


def _page_statement(
    subject: Subject, filters: ContributionFilters
) -> tuple[Select[Any], dict[str, Any]]:
    given = {"committee_id": filters.committee_id, "status": filters.status, "kind": filters.kind}
    if subject.is_network_admin:
        return _ALL(**given)
    writers = subject.committees_where(Permission.contributions_write)
    readers = subject.committees_where(Permission.contributions_read) - writers
    return _VISIBLE(**given, writers=list(writers), readers=list(readers))


def may_read(subject: Subject, *, committee_id: uuid.UUID, status: str) -> bool:
    """`visible_to` for a contribution already read."""
    if subject.can(Permission.contributions_write, committee_id):
        return True
    return status != "draft" and subject.can(Permission.contributions_read, committee_id)


# A GET's one statement: the answer, its version, and what the guard decides on.
_SHOWN_BY_ID = _SHOWN.add_columns(col(Contribution.version)).where(
    col(Contribution.id) == bindparam("contribution_id")
)


def read_contribution(
    connection: Connection, *, contribution_id: uuid.UUID, subject: Subject
) -> tuple[dict[str, Any], int]:
    """`get_contribution` and `to_public` in one statement: the contribution's
    `ContributionPublic` fields and its version (404 as `get_contribution`)."""
    row = connection.execute(_SHOWN_BY_ID, {"contribution_id": contribution_id}).first()
    if row is None or not may_read(subject, committee_id=row.committee_id, status=row.status):
        raise ContributionNotFound()
    shown = row._asdict()
    return shown, shown.pop("version")


def to_public_many(
    session: Session, contributions: list[Any], *, as_of: date | None = None
) -> list[dict[str, Any]]:
    """The contributions (rows of `_COLUMNS` or objects) with the dates of their steps, read
    in one query for all of them, each a `ContributionPublic`'s fields; with `as_of`, as they
    stood that day (later steps left out)."""
    steps = _steps(session, [c.id for c in contributions], as_of)
    return [_public(c, steps.get(c.id, {}), as_of) for c in contributions]


def _steps(
    session: Session, ids: Iterable[uuid.UUID], as_of: date | None
) -> dict[uuid.UUID, dict[str, Any]]:
    ids = list(ids)
    if not ids:
        return {}
    stmt = (
        select(
            col(ContributionTransition.contribution_id),
            col(ContributionTransition.to_status),
            col(ContributionTransition.effective_on),
            col(ContributionTransition.response),
        )
        .where(among(session, ContributionTransition.contribution_id, ids))
        .order_by(*service_transitions.STEPS.order)
    )
    if as_of is not None:
        stmt = stmt.where(col(ContributionTransition.effective_on) <= as_of)
    steps: dict[uuid.UUID, dict[str, Any]] = {}
    for contribution_id, to_status, effective_on, response in session.exec(stmt).all():
        key = "closed" if to_status in CLOSED else to_status
        mine = steps.setdefault(contribution_id, {})
        mine[key] = effective_on
        # Oldest first: the last one read wins, as the contribution's own columns do.
        mine["last"] = (to_status, effective_on)
        if response is not None:
            mine["response"] = response
    return steps


def _public(contribution: Any, steps: dict[str, Any], as_of: date | None) -> dict[str, Any]:
    if isinstance(contribution, Row):
        shown = contribution._asdict()  # a row's attributes by name cost ten times this
    else:
        shown = {column.key: getattr(contribution, column.key) for column in _COLUMNS}
    if as_of is not None:
        shown["status"], shown["status_since"] = steps["last"]
        shown["response"] = steps.get("response")
    return {
        **shown,
        "drafted_on": steps.get("draft"),
        "submitted_on": steps.get("submitted"),
        "acknowledged_on": steps.get("acknowledged"),
        "closed_on": steps.get("closed"),
    }


# --- writing ------------------------------------------------------------------------------


def create_contribution(
    session: Session, *, subject: Subject, data: ContributionCreate
) -> Contribution:
    """A new draft of `data.committee_id`, with its first (`draft`) transition."""
    # Permission first: whether a committee the caller may not act for exists does not leak.
    if not subject.can(Permission.contributions_write, data.committee_id):
        raise Forbidden("You do not manage this committee's contributions.")
    if not committees.committee_exists(session, committee_id=data.committee_id):
        raise InvalidInput("No committee with this id.", field="committee_id")
    _check_deliverable(session, committee_id=data.committee_id, deliverable_id=data.deliverable_id)
    drafted_on = data.drafted_on or today()
    if drafted_on > today():
        raise InvalidInput("The draft date cannot be in the future.", field="drafted_on")
    contribution = Contribution(
        committee_id=data.committee_id,
        kind=data.kind.value,
        title=data.title,
        body=data.body,
        links=data.links,
        themes=data.themes,
        deliverable_id=data.deliverable_id,
        status="draft",
        status_since=drafted_on,
        created_by=subject.user_id,
    )
    store(session, contribution)
    session.add(
        ContributionTransition(
            contribution_id=contribution.id,
            from_status=None,
            to_status="draft",
            effective_on=drafted_on,
            by_user_id=subject.user_id,
        )
    )
    session.flush()
    emit(
        session,
        "contribution.created",
        committee_id=contribution.committee_id,
        payload={"contribution_id": contribution.id, "status": contribution.status},
    )
    return contribution


def update_contribution(
    session: Session,
    *,
    contribution: Contribution,
    data: ContributionUpdate,
    if_match: str | None,
) -> Contribution:
    changes = patch_changes(data)
    if "deliverable_id" in changes:
        _check_deliverable(
            session, committee_id=contribution.committee_id, deliverable_id=data.deliverable_id
        )
    etags.require_match(if_match, contribution.version)
    if contribution.status != "draft":
        raise ContributionNotDraft(contribution.status, "edited")
    if not changes:
        return contribution  # nothing sent, nothing changed: no new version, no event
    if "kind" in changes:
        changes["kind"] = ContributionKind(changes["kind"]).value
    apply_changes(session, contribution, changes)
    emit(
        session,
        "contribution.updated",
        committee_id=contribution.committee_id,
        payload={"contribution_id": contribution.id, "fields": sorted(changes)},
    )
    return contribution


def delete_contribution(
    session: Session, *, contribution: Contribution, if_match: str | None
) -> None:
    etags.require_match(if_match, contribution.version)
    if contribution.status != "draft":
        raise ContributionNotDraft(contribution.status, "deleted")
    contribution_id, committee_id = contribution.id, contribution.committee_id
    session.delete(contribution)
    session.flush()
    emit(
        session,
        "contribution.deleted",
        committee_id=committee_id,
        payload={"contribution_id": contribution_id},
    )


def _check_deliverable(
    session: Session, *, committee_id: uuid.UUID, deliverable_id: uuid.UUID | None
) -> None:
    """A deliverable of an action of a work programme of `committee_id`, else 422."""
    if deliverable_id is None:
        return
    if not deliverables.is_committee_deliverable(
        session, deliverable_id=deliverable_id, committee_id=committee_id
    ):
        raise InvalidInput(
            "No deliverable of this committee's work programmes has this id.",
            field="deliverable_id",
        )


def answers_of(committee_id: Any, statuses: Iterable[str]) -> Select[*tuple[Any, ...]]:
    """For a committee's inbox: each move of one of its contributions to one of `statuses`, as
    (item_id, title, occurred_at, contribution_id, to_status); the item is the transition.
    `statuses` are HCTS's moves (`MOVED_BY_HCTS`)."""
    statuses = list(statuses)
    if not MOVED_BY_HCTS.issuperset(statuses):
        raise ValueError(f"not moves of HCTS: {statuses}")
    return (
        core_select(
            col(ContributionTransition.id).label("item_id"),
            col(Contribution.title).label("title"),
            col(ContributionTransition.recorded_at).label("occurred_at"),
            col(Contribution.id).label("contribution_id"),
            col(ContributionTransition.to_status).label("to_status"),
        )
        .join(Contribution, col(Contribution.id) == col(ContributionTransition.contribution_id))
        .where(
            col(Contribution.committee_id) == committee_id,
            # Implied (the lifecycle never moves back), and what lets the database skip the
            # steps of a committee whose contributions HCTS has not moved yet.
            col(Contribution.status).in_(sorted(MOVED_BY_HCTS)),
            col(ContributionTransition.to_status).in_(statuses),
        )
    )
