"""The guards of everything a committee owns, built here so that every domain answers alike:
what the caller may not see is a 404 (its existence does not leak), what they see but may not
act on is a 403.

`committee_guard` serves `{committee_id}` routes (`committee_id_guard` is its hot-path form,
for the members list); `child_guard` serves `{x_id}` routes of an
object that belongs to a committee (a body, a meeting, a deliverable through its programme):
load it or 404 → its committee → may the caller see it (else the object's own 404) → may
they act on it (else 403). A domain's deps.py describes its object once (`Child`) and
declares its guards from it.
"""

import inspect
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Path, Request
from sqlalchemy import Connection, bindparam
from sqlmodel import Session, select

from api.auth.deps import CurrentSubject, OptionalSubject
from api.auth.permissions import Permission, Subject
from api.committees import service
from api.committees.models import Committee
from api.core.problems import AppError, Forbidden
from api.db import Reader, ReaderDep, SessionDep, run_check

T = TypeVar("T")

CommitteeId = Annotated[uuid.UUID, Path(description="The committee's id.")]


# Whether a committee exists and a caller sees it: one statement per kind of caller, built
# once (`service.VISIBLE_AS`, the caller's own committees a bound parameter).
_FOUND = select(Committee.id).where(Committee.id == bindparam("committee_id"))
_SEEN = {seen: _FOUND.where(visible) for seen, visible in service.VISIBLE_AS.items()}


def may_see(
    connection: Session | Connection, committee_id: uuid.UUID, subject: Subject | None
) -> bool:
    """Whether the committee exists and `subject` may see it (as `service.visible_to`)."""
    seen, own = service.seen_by(subject)
    params: dict[str, Any] = {"committee_id": committee_id}
    if seen == "own":
        params["own"] = list(own)
    return connection.execute(_SEEN[seen], params).first() is not None


def readable_committee_id(
    *, page_tells_missing: bool = False
) -> Callable[..., Coroutine[Any, Any, uuid.UUID]]:
    """A dependency: the id of a committee the caller may see (404 otherwise), for what hangs
    from it. A committee-scoped grant proves both (its foreign key cascades): no statement
    then. `page_tells_missing`: the list's service answers an empty page with the
    committee's 404 when it does not exist, so a network admin costs no statement either."""

    async def dependency(
        read: ReaderDep, committee_id: CommitteeId, subject: OptionalSubject
    ) -> uuid.UUID:
        if subject is None:
            granted = False
        elif subject.is_network_admin:
            granted = page_tells_missing
        else:
            granted = subject.can(Permission.committee_read, committee_id)
        seen = partial(may_see, committee_id=committee_id, subject=subject)
        if not granted and not await read(seen):
            raise service.CommitteeNotFound()
        return committee_id

    return dependency


ReadableCommitteeId = Annotated[uuid.UUID, Depends(readable_committee_id())]


def committee_guard(
    permission: Permission, message: str
) -> Callable[..., Coroutine[Any, Any, Committee]]:
    """A dependency: the committee of `{committee_id}`, if the caller holds `permission` on
    it (404 when they cannot see it, 403 `message` when they see it but may not)."""

    def check(session: Session, *, committee_id: uuid.UUID, subject: Subject) -> Committee:
        committee = service.get_committee(
            session, committee_id=committee_id, subject=subject, territories=False
        )
        if not subject.can(permission, committee.id):
            raise Forbidden(message)
        return committee

    async def dependency(
        request: Request,
        read: ReaderDep,
        session: SessionDep,
        committee_id: CommitteeId,
        subject: CurrentSubject,
    ) -> Committee:
        return await run_check(
            request, read, session, partial(check, committee_id=committee_id, subject=subject)
        )

    return dependency


def committee_id_guard(
    permission: Permission, message: str
) -> Callable[..., Coroutine[Any, Any, uuid.UUID]]:
    """`committee_guard` for the hot path: the id only, and no query when a committee-scoped
    grant answers (it proves the committee exists: the grant's foreign key cascades). Only
    network_admin pays an existence query, and the committee row is read only to tell a 404
    from a 403."""

    async def dependency(
        read: ReaderDep, committee_id: CommitteeId, subject: CurrentSubject
    ) -> uuid.UUID:
        # `async`: the hot path touches no database, so it costs no worker-thread hop.
        if not (subject.can(permission, committee_id) and not subject.is_network_admin):
            await read(partial(_check, committee_id=committee_id, subject=subject))
        return committee_id

    def _check(connection: Connection, *, committee_id: uuid.UUID, subject: Subject) -> None:
        # Held: network_admin's, whose committee must still exist. Else 404 or 403.
        if not may_see(connection, committee_id, subject):
            raise service.CommitteeNotFound()
        if not subject.can(permission, committee_id):
            raise Forbidden(message)

    return dependency


@dataclass(frozen=True)
class Child(Generic[T]):
    """How to reach an object of a committee from its path parameter.

    `load(session, **{param: id})` returns the object or None (a service's `find_x`, or a
    chain such as deliverable → action → programme); `committee_id` names its committee (by
    default its `committee_id` attribute); `visible` says whether the caller may see it at
    all (by default: whether they may see its committee)."""

    param: str
    path: Any  # the parameter's Annotated type, e.g. Annotated[uuid.UUID, Path(...)]
    load: Callable[..., T | None]
    not_found: Callable[[], AppError]
    committee_id: Callable[[T], uuid.UUID] = attrgetter("committee_id")
    visible: Callable[[Session, T, Subject | None], bool] | None = None

    def sees(self, session: Session, obj: T, subject: Subject | None) -> bool:
        if self.visible is not None:
            return self.visible(session, obj, subject)
        return may_see(session, self.committee_id(obj), subject)


def child_guard(
    child: Child[T],
    permission: Permission | None,
    message: str = "",
    *,
    own: Callable[[T, Subject], bool] | None = None,
) -> Callable[..., Coroutine[Any, Any, T]]:
    """A dependency: the object, if the caller holds `permission` on its committee (or `own`
    says it is theirs). One they may not see is the object's own 404; one they see but may
    not act on, a 403 `message`. With `permission` None, seeing it is enough, and anonymous
    callers are let through to what is public.

    Every role grants `committee:read` where it grants anything, so holding `permission` on
    the committee proves the caller sees it: that case costs no query beyond the load.

    The dependency hands `load` every keyword it is called with, the path's id and any more a
    wrapping guard adds (a motion's, api.meetings.deps): a GET's load reads its answer along."""

    def check(session: Session, subject: Subject | None, path: dict[str, uuid.UUID]) -> T:
        obj = child.load(session, **path)
        if obj is None:
            raise child.not_found()
        if subject is not None:
            if permission is not None and subject.can(permission, child.committee_id(obj)):
                return obj
            if own is not None and own(obj, subject):
                return obj
        if not child.sees(session, obj, subject):
            raise child.not_found()
        if permission is not None:
            raise Forbidden(message)
        return obj

    async def dependency(
        request: Request,
        read: Reader,
        session: Session,
        subject: Subject | None,
        **path: uuid.UUID,
    ) -> T:
        return await run_check(request, read, session, lambda s: check(s, subject, path))

    # FastAPI reads the path parameter's name from the signature: give it the child's.
    kind = inspect.Parameter.KEYWORD_ONLY
    caller = OptionalSubject if permission is None else CurrentSubject
    dependency.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", kind, annotation=Request),
            inspect.Parameter("read", kind, annotation=ReaderDep),
            inspect.Parameter("session", kind, annotation=SessionDep),
            inspect.Parameter(child.param, kind, annotation=child.path),
            inspect.Parameter("subject", kind, annotation=caller),
        ]
    )
    return dependency
