"""Load a contribution the caller may read (404 otherwise) and check who may edit it."""

import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject
from api.contributions.models import Contribution
from api.contributions.service import ensure_writable, get_contribution, read_contribution
from api.db import ReaderDep, SessionDep, run_check

ContributionId = Annotated[uuid.UUID, Path(description="The contribution's id.")]


async def _readable(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    contribution_id: ContributionId,
    subject: CurrentSubject,
) -> Contribution:
    check = partial(get_contribution, contribution_id=contribution_id, subject=subject)
    return await run_check(request, read, session, check)


ReadableContribution = Annotated[Contribution, Depends(_readable)]


async def _shown(
    read: ReaderDep, contribution_id: ContributionId, subject: CurrentSubject
) -> tuple[dict[str, Any], int]:
    """A GET's guard and answer in one statement: the contribution's fields and version."""
    return await read(partial(read_contribution, contribution_id=contribution_id, subject=subject))


ShownContribution = Annotated[tuple[dict[str, Any], int], Depends(_shown)]


async def _editable(contribution: ReadableContribution, subject: CurrentSubject) -> Contribution:
    ensure_writable(subject, contribution)
    return contribution


EditableContribution = Annotated[Contribution, Depends(_editable)]
