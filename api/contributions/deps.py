"""Load a contribution the caller may read (404 otherwise) and check who may edit it."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from api.auth.deps import CurrentSubject
from api.contributions.models import Contribution
from api.contributions.service import ensure_writable, get_contribution
from api.db import SessionDep

ContributionId = Annotated[uuid.UUID, Path(description="The contribution's id.")]


def _readable(
    session: SessionDep, contribution_id: ContributionId, subject: CurrentSubject
) -> Contribution:
    return get_contribution(session, contribution_id=contribution_id, subject=subject)


def _editable(
    session: SessionDep, contribution_id: ContributionId, subject: CurrentSubject
) -> Contribution:
    contribution = _readable(session, contribution_id, subject)
    ensure_writable(subject, contribution)
    return contribution


ReadableContribution = Annotated[Contribution, Depends(_readable)]
EditableContribution = Annotated[Contribution, Depends(_editable)]
