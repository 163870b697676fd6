"""Participation figures: members on a day, meetings over a period, over the committees
counted whose members and attendance the caller reads. Callers who read none of them (anonymous
ones, members) get the network's figures under statistical secrecy (api.stats.secrecy)."""

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.bodies import service as bodies
from api.bodies.schemas import BodyKind
from api.core.problems import Forbidden
from api.meetings import service_figures as meetings
from api.meetings.groups import GROUP_OF
from api.meetings.schemas import AttendanceStatus, HeadcountCategory
from api.memberships import service_figures as memberships
from api.memberships.spans import network_unit
from api.people.schemas import PersonCategory
from api.stats.schemas import GroupBy
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
    group_by: GroupBy | None = None,
    on: date,
    start: date,
    end: date,
) -> dict[str, Any]:
    """`ParticipationFigures`."""
    public = public_view(subject, counted, Permission.members_read, Permission.attendance_read)
    if public and group_by is not None:
        raise BrokenDownPeopleFigures
    # The public view is the same for every caller who gets it (anonymous or not), so that no
    # two of its answers differ by a few people.
    ids = counted.committee_ids(None if public else subject)
    body_ids = bodies.ids_of_kind(body_kind) if body_kind is not None else None
    members_read = None if public else readable(subject, Permission.members_read)
    day_counts = _day_counts(counted, public=public, members_read=members_read)
    figures = {
        "as_of": on,
        "period_start": start,
        "period_end": end,
        "scope": counted.scope,
        "members": memberships.figures(
            session, committee_ids=ids, body_ids=body_ids, on=on, readable=members_read,
            day_counts=day_counts,
        ),
        "meetings": meetings.figures(
            session, committee_ids=ids, body_ids=body_ids, start=start, end=end,
            readable=None if public else readable(subject, Permission.attendance_read),
        ),
    }  # fmt: skip
    if public:
        return SECRECY.apply(figures | {"group_by": None, "groups": []})
    groups = []
    if group_by is not None:
        groups = _groups(
            session,
            by=group_by,
            committee_ids=ids,
            body_ids=body_ids,
            on=on,
            start=start,
            end=end,
            members_read=members_read,
            attendance_read=readable(subject, Permission.attendance_read),
            day_counts=day_counts,
        )
    return figures | {"group_by": group_by, "groups": groups, "suppressed": []}


def _day_counts(
    counted: Counted, *, public: bool, members_read: frozenset[uuid.UUID] | None
) -> memberships.DayCounts | None:
    """The members' day counts that count the people of these figures, if any do: the network's
    of the scope (its public committees for the public view), or the committees' own where
    the figures count one committee at most."""
    if members_read is None and not counted.narrowed:
        return memberships.DayCounts(network=network_unit(counted.scope, public_only=public))
    if counted.committee_id is not None or (members_read is not None and len(members_read) < 2):
        return memberships.DayCounts()
    return None


class BrokenDownPeopleFigures(Forbidden):
    default_detail = (
        "Breakdowns of the figures that count people (`group_by`) are for those who read the "
        "committees' members; the network's figures need none."
    )


def _groups(
    session: Session,
    *,
    by: GroupBy,
    committee_ids: Any,
    body_ids: Any,
    on: date,
    start: date,
    end: date,
    members_read: frozenset[uuid.UUID] | None,
    attendance_read: frozenset[uuid.UUID] | None,
    day_counts: memberships.DayCounts | None,
) -> list[dict[str, Any]]:
    """`ParticipationGroup`s: members (not by meeting or month) and meetings (not by category)
    of each group, in group order."""
    members: dict[str, dict[str, int]] = {}
    by_members = by not in (GroupBy.month, GroupBy.meeting)
    if by_members:
        members = memberships.members_by(
            session, by=by, committee_ids=committee_ids, readable=members_read,
            body_ids=body_ids, on=on, day_counts=day_counts,
        )  # fmt: skip
    held, attendance = meetings.by_group(
        session, by=by, committee_ids=committee_ids, readable=attendance_read,
        body_ids=body_ids, start=start, end=end,
    )  # fmt: skip
    found = []
    for key in sorted(members.keys() | held.keys() | attendance.keys()):
        people = members.get(key, {})
        total = sum(people.values())
        marked = attendance.get(key, {})
        present = marked.get(AttendanceStatus.present, {})
        there = sum(present.values())
        recorded = sum(sum(marked.get(s, {}).values()) for s in meetings.RECORDED)
        found.append(
            {
                "group": key,
                "members": total if by_members else None,
                "share_person_supported": _share(people.get(_SUPPORTED, 0), total),
                "share_social_worker": _share(people.get(_WORKER, 0), total),
                "meetings": held.get(key, 0) if by != GroupBy.category else None,
                "present": there,
                "recorded": recorded,
                "attendance_rate": _share(there, recorded),
                "present_share_person_supported": _share(present.get(_SUPPORTED, 0), there),
                "present_share_social_worker": _share(present.get(_WORKER, 0), there),
            }
        )
    return found


_SUPPORTED, _WORKER = PersonCategory.person_supported, PersonCategory.social_worker


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
