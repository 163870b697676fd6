"""A contribution's lifecycle: the committee sends it, HCTS (network_admin) answers it.

draft → submitted (the committee's admins) → acknowledged → taken_up | answered | declined
(network_admin only). Every step is dated (`effective_on`, back-dating allowed to record past
exchanges) and HCTS's response text travels with the step that gives it."""

import uuid
from datetime import date

from sqlmodel import Session, col

from api.auth.permissions import Permission, Subject
from api.contributions.models import Contribution, ContributionTransition
from api.contributions.schemas import ContributionStatus, ContributionTransitionCreate
from api.core import etags
from api.core.lifecycle import Lifecycle, Steps
from api.core.problems import Forbidden, InvalidInput
from api.core.writes import save
from api.outbox.service import emit

S = ContributionStatus
LIFECYCLE = Lifecycle(
    "contribution",
    {
        S.draft: frozenset({S.submitted}),
        S.submitted: frozenset({S.acknowledged}),
        S.acknowledged: frozenset({S.taken_up, S.answered, S.declined}),
        S.taken_up: frozenset(),
        S.answered: frozenset(),
        S.declined: frozenset(),
    },
    out_of_order_is_invalid_input=True,
)
# Dates never go backwards along the lifecycle; the recording time breaks ties.
STEPS = Steps(
    ContributionTransition,
    col(ContributionTransition.contribution_id),
    (
        col(ContributionTransition.effective_on),
        col(ContributionTransition.recorded_at),
        col(ContributionTransition.id),
    ),
)
# The committee sends; every later step is HCTS's decision.
BY_COMMITTEE = frozenset({S.submitted})
RESPONSE_REQUIRED = frozenset({S.answered, S.declined})
RESPONSE_REFUSED = frozenset({S.submitted})


def change_status(
    session: Session,
    *,
    contribution: Contribution,
    data: ContributionTransitionCreate,
    subject: Subject,
    if_match: str | None,
) -> Contribution:
    """Move the contribution one step on; 403 for a step the caller may not take, 409 for a
    move the lifecycle does not allow, 422 for a missing or refused response or a bad date."""
    committee_id = contribution.committee_id
    may_send = subject.can(Permission.contributions_write, committee_id)
    may_decide = subject.can(Permission.hcts_manage)
    if not (may_send or may_decide):
        raise Forbidden("You may not move this contribution on.")
    current, target = S(contribution.status), data.to
    LIFECYCLE.check(current, target)
    if not (may_send if target in BY_COMMITTEE else may_decide):
        raise Forbidden(
            "Only the committee's admins send a contribution to HCTS."
            if target in BY_COMMITTEE
            else "Only a network_admin (for HCTS) moves a submitted contribution on."
        )
    _check_response(target, data.response)
    effective_on = _effective_on(session, contribution.id, data.effective_on)
    etags.check_match(if_match, contribution.version)
    session.add(
        ContributionTransition(
            contribution_id=contribution.id,
            from_status=current.value,
            to_status=target.value,
            effective_on=effective_on,
            by_user_id=subject.user_id,
            response=data.response,
        )
    )
    contribution.status = target.value
    contribution.status_since = effective_on
    if data.response is not None:
        contribution.response = data.response
    save(session, contribution)
    emit(
        session,
        f"contribution.{target.value}",
        committee_id=committee_id,
        payload={
            "contribution_id": contribution.id,
            "from": current.value,
            "to": target.value,
            "effective_on": effective_on,
        },
    )
    return contribution


def history(session: Session, *, contribution_id: uuid.UUID) -> list[ContributionTransition]:
    """Every step, oldest first."""
    return STEPS.all(session, contribution_id)


def _check_response(target: ContributionStatus, response: str | None) -> None:
    if response is None and target in RESPONSE_REQUIRED:
        raise InvalidInput(
            f"A contribution is {target.value} with HCTS's response: send `response`.",
            field="response",
        )
    if response is not None and target in RESPONSE_REFUSED:
        raise InvalidInput(
            "A response is HCTS's: it is not sent with the contribution.", field="response"
        )


def _effective_on(session: Session, contribution_id: uuid.UUID, given: date | None) -> date:
    effective_on = LIFECYCLE.effective_on(given)
    last = STEPS.last(session, contribution_id)
    LIFECYCLE.check_order(effective_on, last=last.effective_on if last is not None else None)
    return effective_on
