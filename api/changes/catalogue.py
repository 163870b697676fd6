"""Every event type the outbox holds, and the permission that lets a caller read it on the
event's committee. A type not listed here is the network's: network_admin alone reads it."""

from collections.abc import Mapping
from enum import StrEnum

from api.auth.permissions import Permission
from api.contributions.schemas import ContributionStatus
from api.hcts.schemas_calls import Decision
from api.meetings.schemas_claims import ClaimStatus

P = Permission

# People belong to no one committee: a person's events are read with `people:read` on a
# committee where the person holds or held a term (as the person is, api/people).
PERSON_TYPES: tuple[str, ...] = ("person.created", "person.updated")

READ_BY: Mapping[Permission, tuple[str, ...]] = {
    P.members_read: (
        "membership.created",
        "membership.updated",
        "membership.ended",
        "membership.renewed",
    ),
    P.bodies_read: ("body.created", "body.updated", "body.deleted", "body.targets.replaced"),
    P.meetings_read: (
        "meeting.created",
        "meeting.updated",
        "meeting.deleted",
        "meeting.decision.added",
        "meeting.decision.deleted",
        "meeting.headcount.recorded",
        "meeting.headcount.deleted",
        "meeting.motion.created",
        "meeting.motion.closed",
    ),
    # Who attended and who voted are personal data: the committee's admins.
    P.attendance_read: (
        "meeting.attendance.recorded",
        "meeting.attendance.removed",
        "meeting.ballot.cast",
    ),
    P.claims_manage: tuple(f"meeting.claim.{status.value}" for status in ClaimStatus),
    # Drafts included, so the committee's admins only (members read submitted ones by GET).
    P.contributions_write: (
        "contribution.created",
        "contribution.updated",
        "contribution.deleted",
        *(
            f"contribution.{s.value}"
            for s in ContributionStatus
            if s is not ContributionStatus.draft
        ),
    ),
    P.candidatures_read: (
        "hcts.candidature.proposed",
        "hcts.candidature.withdrawn",
        *(f"hcts.candidature.{d.value}" for d in Decision),
    ),
    P.committee_read: (
        "hcts.relay.recorded",
        "hcts.relay.deleted",
        "hcts.mandate.created",
        "hcts.mandate.updated",
        "hcts.mandate.deleted",
    ),
    P.registrations_read: ("seminar.registration.created", "seminar.registration.deleted"),
    P.inbox_read: ("inbox.read", "inbox.unread"),
}

# HCTS content and the network's events (no committee): network_admin only.
NETWORK_TYPES: tuple[str, ...] = (
    *(f"hcts.axis.{v}" for v in ("created", "updated", "deleted")),
    *(f"hcts.publication.{v}" for v in ("created", "updated", "published", "deleted")),
    *(f"hcts.call.{v}" for v in ("created", "updated", "deleted")),
    "seminar.created",
    "seminar.updated",
    "seminar.deleted",
    "seminar.attendance.recorded",
    *(f"newsletter.issue.{v}" for v in ("created", "updated", "published", "deleted")),
    *(f"newsletter.item.{v}" for v in ("created", "updated", "deleted")),
)

ALL_TYPES: tuple[str, ...] = (
    *PERSON_TYPES,
    *(t for types in READ_BY.values() for t in types),
    *NETWORK_TYPES,
)

ChangeType = StrEnum("ChangeType", {t.replace(".", "_"): t for t in ALL_TYPES})  # type: ignore[misc]
ChangeType.__doc__ = "An event type of the change feed (`<domain>.<thing>.<verb>`)."
