"""Participation figures: members on a day, meetings over a period, over the committees
counted whose members and attendance the caller reads. Callers who read none of them (anonymous
ones, members) get the network's figures under statistical secrecy (api.stats.secrecy)."""

from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.bodies import service as bodies
from api.bodies.schemas import BodyKind
from api.meetings import service_figures as meetings
from api.meetings.groups import GROUP_OF
from api.meetings.schemas import AttendanceStatus, HeadcountCategory
from api.memberships import service_figures as memberships
from api.people.schemas import PersonCategory
from api.stats.scopes import Counted, readable
from api.stats.secrecy import Ratio, Secrecy, Sum, cells, public_view


def _categories_of(group: HeadcountCategory) -> list[PersonCategory]:
    return [category for category, its in GROUP_OF.items() if its == group]


_CATEGORIES = cells("members.by_category", PersonCategory)
_STATUSES = cells("meetings.named.by_status", AttendanceStatus)
_PRESENT = cells("meetings.named.present_by_category", PersonCategory)
_HEADCOUNTS = cells("meetings.headcounts.by_group", HeadcountCategory)
_BY_GROUP = cells("meetings.present_by_group", HeadcountCategory)
_RECORDED = cells("meetings.named.by_status", meetings.RECORDED)
_PRESENT_TOTAL = "meetings.named.by_status.present"
SECRECY = Secrecy(
    people=(
        "members.total", *_CATEGORIES, "members.retention.cohort", "members.retention.stayed",
        *_STATUSES, *_PRESENT, *_HEADCOUNTS, *_BY_GROUP,
    ),
    sums=(
        Sum("members.total", _CATEGORIES),
        Sum(
            "members.retention.cohort", ("members.retention.stayed",),
            rest="members.retention.left",
        ),
        Sum(_PRESENT_TOTAL, _PRESENT),
        # A group's people present: its headcounts, and the named ones of the meetings
        # without a headcount (not published apart).
        *(
            Sum(
                f"meetings.present_by_group.{group}",
                (f"meetings.headcounts.by_group.{group}",),
                rest=f"named_alone.{group}",
            )
            for group in HeadcountCategory
        ),
        # ...who are the named ones present, when no meeting has both names and a headcount.
        *(
            Sum(
                f"named_alone.{group}",
                cells("meetings.named.present_by_category", _categories_of(group)),
            )
            for group in HeadcountCategory
        ),
    ),
    ratios=(
        *(
            Ratio(f"members.share_{c}", f"members.by_category.{c}", ("members.total",))
            for c in (PersonCategory.person_supported, PersonCategory.social_worker)
        ),
        Ratio("members.retention.rate", "members.retention.stayed", ("members.retention.cohort",)),
        Ratio("meetings.named.attendance_rate", _PRESENT_TOTAL, _RECORDED),
        *(
            Ratio(
                f"meetings.named.share_{c}",
                f"meetings.named.present_by_category.{c}",
                (_PRESENT_TOTAL,),
            )
            for c in (PersonCategory.person_supported, PersonCategory.social_worker)
        ),
    ),
)  # fmt: skip


def participation_figures(
    session: Session,
    *,
    subject: Subject | None,
    counted: Counted,
    body_kind: BodyKind | None,
    on: date,
    start: date,
    end: date,
) -> dict[str, Any]:
    """`ParticipationFigures`."""
    public = public_view(subject, counted, Permission.members_read, Permission.attendance_read)
    ids = counted.committee_ids(subject)
    body_ids = bodies.ids_of_kind(body_kind) if body_kind is not None else None
    figures = {
        "as_of": on,
        "period_start": start,
        "period_end": end,
        "scope": counted.scope,
        "members": memberships.figures(
            session, committee_ids=ids, body_ids=body_ids, on=on,
            readable=None if public else readable(subject, Permission.members_read),
        ),
        "meetings": meetings.figures(
            session, committee_ids=ids, body_ids=body_ids, start=start, end=end,
            readable=None if public else readable(subject, Permission.attendance_read),
        ),
    }  # fmt: skip
    return SECRECY.apply(figures) if public else figures | {"suppressed": []}
