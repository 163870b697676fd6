"""HCTS liaison's figures for api.stats: candidatures by outcome, and how widely committees
relay HCTS's publications. Over the committees counted that the caller may read."""

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, and_, distinct, func
from sqlalchemy import select as core_select  # SQLModel's types four columns at most
from sqlmodel import Session, col, select

from api.core.figures import within
from api.hcts.models import CANDIDATURE_STATUSES, Candidature, Publication, Relay


def candidatures(
    session: Session, *, readable: Collection[uuid.UUID] | None, committee_ids: Select[Any]
) -> dict[str, int]:
    """Candidatures by status, of the committees counted among `readable` (None: every one)."""
    rows = session.exec(
        select(col(Candidature.status), func.count())
        .where(
            within(col(Candidature.committee_id), readable),
            col(Candidature.committee_id).in_(committee_ids.scalar_subquery()),
        )
        .group_by(col(Candidature.status))
    ).all()
    return dict.fromkeys(CANDIDATURE_STATUSES, 0) | dict(rows)


def relays(
    session: Session, *, committee_ids: Select[Any], active_ids: Select[Any]
) -> dict[str, Any]:
    """Per published publication, how many of the committees counted relayed it, and the share
    of the active ones that did; per committee counted, how many publications it relayed."""
    active = active_ids.subquery("active")
    counted = col(Relay.committee_id).in_(committee_ids.scalar_subquery())
    relayed_by = (
        select(col(Relay.publication_id).label("publication_id"), col(Relay.committee_id))
        .where(counted)
        .distinct()
        .subquery("relayed_by")
    )
    per_publication = session.execute(
        core_select(
            col(Publication.id),
            col(Publication.title),
            col(Publication.published_on),
            func.count(relayed_by.c.committee_id),
            func.count(active.c.id),
        )
        .outerjoin(relayed_by, relayed_by.c.publication_id == col(Publication.id))
        .outerjoin(active, active.c.id == relayed_by.c.committee_id)
        .where(col(Publication.status) == "published")
        .group_by(col(Publication.id), col(Publication.title), col(Publication.published_on))
        .order_by(col(Publication.published_on).desc(), col(Publication.id))
    ).all()
    active_count = session.exec(select(func.count()).select_from(active)).one()
    ids = committee_ids.subquery("counted")
    per_committee = session.exec(
        select(ids.c.id, func.count(distinct(col(Relay.publication_id))))
        .select_from(ids)
        .outerjoin(Relay, and_(col(Relay.committee_id) == ids.c.id))
        .group_by(ids.c.id)
        .order_by(ids.c.id)
    ).all()
    return {
        "active_committees": active_count,
        "by_publication": [
            {
                "publication_id": pid,
                "title": title,
                "published_on": published_on,
                "committees_relaying": n,
                "share_of_active_committees": (by_active / active_count) if active_count else None,
            }
            for pid, title, published_on, n, by_active in per_publication
        ],
        "by_committee": [
            {"committee_id": cid, "publications_relayed": n} for cid, n in per_committee
        ],
    }
