"""Contributions (*remontées*) a committee sends up to HCTS, and their lifecycle.

Everything here needs a login: no contribution is public."""

import uuid
from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import CurrentSubject, login_required
from api.contributions import service, service_transitions
from api.contributions.deps import EditableContribution, ReadableContribution, ShownContribution
from api.contributions.schemas import (
    ContributionCreate,
    ContributionKind,
    ContributionPage,
    ContributionPublic,
    ContributionStatus,
    ContributionTransitionCreate,
    ContributionTransitionHistory,
    ContributionUpdate,
)
from api.core.etags import IfMatch
from api.core.pagination import AsOf, Cursor, Limit
from api.core.reads import respond, respond_page
from api.core.responses import CHANGE, CREATE, DELETE, LIST, READ_ONE, created, with_etag
from api.db import ReaderDep, SessionDep

router = APIRouter(tags=["contributions"], dependencies=login_required)

C = "/contributions/{contribution_id}"


@router.get(
    "/contributions",
    operation_id="contributions-list",
    responses=LIST,
    response_model=ContributionPage,
)
async def list_contributions(
    read: ReaderDep,
    subject: CurrentSubject,
    committee_id: uuid.UUID | None = None,
    status: ContributionStatus | None = None,
    kind: ContributionKind | None = None,
    as_of: AsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The contributions the caller may read (drafts only for the committee's admins),
    newest first. With `as_of`, those drafted by that day, as they stood then (from their
    transitions): `status` filters on the status of that day; `status`, `status_since`,
    `response` and the steps' dates show that day's (later steps are null); who may read a
    contribution still follows today's status."""
    return await read.page(
        ContributionPage,
        partial(
            service.list_contributions,
            subject=subject,
            filters=service.ContributionFilters(
                committee_id=committee_id, status=status, kind=kind, as_of=as_of
            ),
            limit=limit,
            cursor=cursor,
        ),
    )


@router.post(
    "/contributions", status_code=201, operation_id="contributions-create", responses=CREATE
)
def create_contribution(
    session: SessionDep,
    subject: CurrentSubject,
    body: ContributionCreate,
    request: Request,
    response: Response,
) -> ContributionPublic:
    """A new draft contribution of a committee the caller manages."""
    contribution = service.create_contribution(session, subject=subject, data=body)
    created(
        request,
        response,
        contribution.version,
        at="contributions-get",
        contribution_id=contribution.id,
    )
    return service.to_public(session, contribution)


@router.get(
    C, operation_id="contributions-get", responses=READ_ONE, response_model=ContributionPublic
)
async def get_contribution(contribution: ShownContribution) -> Response:
    """The contribution, with the date of each step it went through."""
    shown, version = contribution
    return respond(ContributionPublic, shown, version=version)


@router.patch(C, operation_id="contributions-update", responses=CHANGE)
def update_contribution(
    session: SessionDep,
    contribution: EditableContribution,
    body: ContributionUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ContributionPublic:
    """Change a draft (409 once it has been sent to HCTS)."""
    contribution = service.update_contribution(
        session, contribution=contribution, data=body, if_match=if_match
    )
    return with_etag(response, contribution.version, service.to_public(session, contribution))


@router.delete(C, status_code=204, operation_id="contributions-delete", responses=DELETE)
def delete_contribution(
    session: SessionDep, contribution: EditableContribution, if_match: IfMatch = None
) -> None:
    """Delete a draft (409 once it has been sent to HCTS: what was sent is kept)."""
    service.delete_contribution(session, contribution=contribution, if_match=if_match)


@router.get(
    C + "/transitions",
    operation_id="contributions-transitions-list",
    responses=READ_ONE,
    response_model=ContributionTransitionHistory,
)
async def list_transitions(read: ReaderDep, contribution: ReadableContribution) -> Response:
    """Every step of the contribution's lifecycle, oldest first, with HCTS's responses."""
    steps = await read.using_session(
        partial(service_transitions.history, contribution_id=contribution.id)
    )
    return respond_page(ContributionTransitionHistory, (steps, None))


@router.post(C + "/transitions", operation_id="contributions-transitions-create", responses=CHANGE)
def change_status(
    session: SessionDep,
    contribution: ReadableContribution,
    subject: CurrentSubject,
    body: ContributionTransitionCreate,
    response: Response,
    if_match: IfMatch = None,
) -> ContributionPublic:
    """Move the contribution on: the committee's admins send a draft; a network_admin (for
    HCTS) acknowledges, then takes up, answers or declines it (409 naming the allowed moves)."""
    contribution = service_transitions.change_status(
        session, contribution=contribution, data=body, subject=subject, if_match=if_match
    )
    return with_etag(response, contribution.version, service.to_public(session, contribution))
