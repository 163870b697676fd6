import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from api.auth.deps import CurrentSubject, login_required
from api.core.clock import today
from api.core.etags import IfMatch
from api.core.pagination import AsOf, Cursor, Limit, UpdatedSince
from api.core.reads import respond, respond_page
from api.core.responses import (
    CHANGE,
    CREATE_IN,
    GUARDED,
    GUARDED_INPUT,
    LIST_IN,
    created,
    with_etag,
)
from api.core.schemas import QueryBool
from api.db import ReaderDep, SessionDep
from api.memberships import service_lists, service_members, service_terms
from api.memberships.deps import (
    EditableMembership,
    MembersEditable,
    MembersReadable,
    PersonId,
    ReadableMembership,
)
from api.memberships.models import Membership
from api.memberships.schemas import (
    MembershipCreate,
    MembershipEnd,
    MembershipPage,
    MembershipPublic,
    MembershipRenewal,
    MembershipRole,
    MembershipUpdate,
)

router = APIRouter(tags=["memberships"], dependencies=login_required)


def _as_today(session: Session, membership: Membership) -> MembershipPublic:
    """The term as the lists show it today (what every write and read of one term returns)."""
    return service_lists.get_public(session, membership_id=membership.id, day=today())


@router.get(
    "/committees/{committee_id}/members",
    response_model=MembershipPage,
    operation_id="memberships-list",
    responses=GUARDED_INPUT,
)
async def list_members(
    read: ReaderDep,
    committee_id: MembersReadable,
    as_of: AsOf = None,
    all_terms: Annotated[
        QueryBool, Query(alias="all", description="Every term, whatever its dates.")
    ] = False,
    role: MembershipRole | None = None,
    body_id: uuid.UUID | None = None,
    updated_since: UpdatedSince = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The committee's members on a day, `as_of` (terms covering it), ordered by name, each
    with a summary of the person. `status` is relative to `as_of`. A sync that wants every
    term changed since its last run asks `all=true&updated_since=...`."""
    filters = service_members.MemberFilters(
        as_of=as_of or today(),
        all_terms=all_terms,
        role=role,
        body_id=body_id,
        updated_since=updated_since,
    )
    listed = await read(
        partial(
            service_members.list_members,
            committee_id=committee_id,
            filters=filters,
            limit=limit,
            cursor=cursor,
        )
    )
    return respond_page(MembershipPage, listed)


@router.post(
    "/committees/{committee_id}/members",
    status_code=201,
    operation_id="memberships-create",
    responses=CREATE_IN,
)
def create_membership(
    session: SessionDep,
    committee_id: MembersEditable,
    subject: CurrentSubject,
    body: MembershipCreate,
    request: Request,
    response: Response,
) -> MembershipPublic:
    """Enrol a person, existing (`person_id`) or new (`person`), for a term."""
    membership = service_terms.create_membership(
        session, committee_id=committee_id, data=body, subject=subject
    )
    created(
        request, response, membership.version, at="memberships-get", membership_id=membership.id
    )
    return _as_today(session, membership)


@router.get(
    "/memberships/{membership_id}",
    operation_id="memberships-get",
    responses=GUARDED,
    response_model=MembershipPublic,
)
async def get_membership(membership: ReadableMembership) -> Response:
    public = service_lists.member_item(membership, today())
    return respond(MembershipPublic, public, version=membership.version)


@router.patch("/memberships/{membership_id}", operation_id="memberships-update", responses=CHANGE)
def update_membership(
    session: SessionDep,
    membership: EditableMembership,
    body: MembershipUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> MembershipPublic:
    """Correct a term (role, body, card number, end date)."""
    membership = service_terms.update_membership(
        session, membership=membership, data=body, if_match=if_match
    )
    return with_etag(response, membership.version, _as_today(session, membership))


@router.post("/memberships/{membership_id}/end", operation_id="memberships-end", responses=CHANGE)
def end_membership(
    session: SessionDep,
    membership: EditableMembership,
    body: MembershipEnd,
    response: Response,
    if_match: IfMatch = None,
) -> MembershipPublic:
    """End the term on a day (its last day); 409 if it already ends on or before that day."""
    membership = service_terms.end_membership(
        session, membership=membership, end_on=body.end_on, if_match=if_match
    )
    return with_etag(response, membership.version, _as_today(session, membership))


@router.post(
    "/memberships/{membership_id}/renew",
    status_code=201,
    operation_id="memberships-renew",
    responses=CREATE_IN,
)
def renew_membership(
    session: SessionDep,
    membership: EditableMembership,
    body: MembershipRenewal,
    request: Request,
    response: Response,
) -> MembershipPublic:
    """A new term after this one (`renewal_of_id` points back); this one is left unchanged."""
    renewal = service_terms.renew_membership(session, membership=membership, data=body)
    created(request, response, renewal.version, at="memberships-get", membership_id=renewal.id)
    return _as_today(session, renewal)


@router.get(
    "/people/{person_id}/memberships",
    operation_id="memberships-list-of-person",
    responses=LIST_IN,
    response_model=MembershipPage,
)
async def list_memberships_of_person(
    read: ReaderDep,
    person_id: PersonId,
    subject: CurrentSubject,
    as_of: AsOf = None,
    updated_since: UpdatedSince = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The person's terms the caller may read, oldest first: all of them for the person
    themself and network_admin, those of the committees they administer for a committee
    admin (404 if none). Every term, `status` relative to today; with `as_of`, the terms
    covering that day, `status` relative to it."""
    return await read.page(
        MembershipPage,
        partial(
            service_lists.list_of_person,
            person_id=person_id,
            subject=subject,
            day=today(),
            as_of=as_of,
            updated_since=updated_since,
            limit=limit,
            cursor=cursor,
        ),
    )
