"""The committees' relays of HCTS publications: who passed what on, when and how."""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, func
from sqlalchemy import exists as sql_exists
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.committees import service as committees
from api.committees.service import COMMITTEE, join_committee
from api.core import etags
from api.core.clock import local_day, today
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Prepared, exists
from api.core.writes import store
from api.hcts.models import Publication, Relay
from api.hcts.schemas_publications import PublicationStatus, RelayCreate, RelayPublic
from api.meetings.service import find_meeting
from api.outbox.service import emit


class RelayNotFound(NotFound):
    default_detail = "No relay of this publication has this id."


class PublicationNotPublished(Conflict):
    default_detail = "Only a published publication can be relayed; publish it first."


class RelayExists(Conflict):
    default_detail = "This committee already recorded this relay (same channel, same day)."


def _relays() -> Any:
    return join_committee(
        core_select(
            *_RELAY_COLUMNS,
            col(Publication.title).label("publication_title"),
            col(Publication.kind).label("publication_kind"),
            COMMITTEE.name.label("committee_name"),
            COMMITTEE.short_name.label("committee_short_name"),
        ).join(Publication, col(Publication.id) == col(Relay.publication_id)),
        col(Relay.committee_id),
    )


_RELAY_COLUMNS = [
    column
    for column in Relay.__table__.columns  # type: ignore[attr-defined]
    if column.key not in ("version", "created_by", "updated_at")
]


_ORDER = (col(Relay.relayed_on), col(Relay.id))


def _page(session: Session, stmt: Any, *, limit: int, cursor: str | None) -> RowsPage:
    return page_of_dicts(
        paginate(session, stmt, keys=_ORDER, limit=limit, cursor=cursor, descending=True),
    )


def list_publication_relays(
    session: Session,
    *,
    publication_id: uuid.UUID,
    subject: Subject | None,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    """Who relayed it, newest first: only the committees `subject` may see."""
    visible: ColumnElement[bool] = committees.visible_to(subject)
    stmt = _relays().where(col(Relay.publication_id) == publication_id, visible)
    return _page(session, stmt, limit=limit, cursor=cursor)


def list_committee_relays(
    session: Session, *, committee_id: uuid.UUID, limit: int, cursor: str | None
) -> RowsPage:
    """What the committee relayed, newest first (the caller may read the committee)."""
    stmt, params = _COMMITTEE_RELAYS(committee_id=committee_id)
    page = paginate(
        session, stmt, keys=_ORDER, limit=limit, cursor=cursor, descending=True, params=params
    )
    return page_of_dicts(page)


def relay_public(session: Session, *, relay_id: uuid.UUID) -> RelayPublic:
    row = session.connection().execute(_relays().where(col(Relay.id) == relay_id)).one()
    return RelayPublic.model_validate(dict(row._mapping))


def record_relay(
    session: Session, *, publication: Publication, data: RelayCreate, subject: Subject
) -> Relay:
    if publication.status != PublicationStatus.published.value:
        raise PublicationNotPublished()
    if not subject.can(Permission.relays_write, data.committee_id):
        raise Forbidden("You may not record relays for this committee.")
    if not committees.committee_exists(session, committee_id=data.committee_id):
        raise InvalidInput("No committee with this id.", field="committee_id")
    if data.relayed_on > today():
        raise InvalidInput("A relay cannot be dated in the future.", field="relayed_on")
    if data.relayed_on < publication.published_on:
        raise InvalidInput(
            "A relay cannot be dated before the publication itself.", field="relayed_on"
        )
    if data.meeting_id is not None:
        meeting = find_meeting(session, meeting_id=data.meeting_id)
        if meeting is None or meeting.committee_id != data.committee_id:
            raise InvalidInput("No meeting of this committee has this id.", field="meeting_id")
        first = local_day(meeting.starts_at)
        last = local_day(meeting.ends_at) if meeting.ends_at is not None else first
        if not first <= data.relayed_on <= last:
            held = first.isoformat() + (f" to {last.isoformat()}" if last != first else "")
            raise InvalidInput(
                f"The publication was presented at this meeting, held on {held}: relayed_on "
                "is a day of the meeting.",
                field="meeting_id",
            )
    duplicate = select(Relay.id).where(
        Relay.publication_id == publication.id,
        Relay.committee_id == data.committee_id,
        Relay.channel == data.channel.value,
        Relay.relayed_on == data.relayed_on,
    )
    if exists(session, duplicate):
        raise RelayExists()
    relay = Relay(
        publication_id=publication.id,
        committee_id=data.committee_id,
        relayed_on=data.relayed_on,
        channel=data.channel.value,
        meeting_id=data.meeting_id,
        note=data.note,
        created_by=subject.user_id,
    )
    store(session, relay)
    emit(session, "hcts.relay.recorded", committee_id=relay.committee_id, payload=_event(relay))
    return relay


def get_relay(
    session: Session, *, publication_id: uuid.UUID, relay_id: uuid.UUID, subject: Subject
) -> Relay:
    """The relay, or 404 when it is not this publication's or its committee is out of sight."""
    relay = session.get(Relay, relay_id)
    if relay is None or relay.publication_id != publication_id:
        raise RelayNotFound()
    try:
        committees.get_committee(session, committee_id=relay.committee_id, subject=subject)
    except committees.CommitteeNotFound as error:
        raise RelayNotFound() from error
    return relay


def delete_relay(session: Session, *, relay: Relay, subject: Subject, if_match: str | None) -> None:
    if not subject.can(Permission.relays_write, relay.committee_id):
        raise Forbidden("You may not delete this committee's relays.")
    etags.require_match(if_match, relay.version)
    committee_id, payload = relay.committee_id, _event(relay)
    session.delete(relay)
    session.flush()
    emit(session, "hcts.relay.deleted", committee_id=committee_id, payload=payload)


def _event(relay: Relay) -> dict[str, Any]:
    return {
        "relay_id": relay.id,
        "publication_id": relay.publication_id,
        "committee_id": relay.committee_id,
        "channel": relay.channel,
        "relayed_on": relay.relayed_on,
        "meeting_id": relay.meeting_id,
    }


def unrelayed_publications(committee_id: Any) -> Select[*tuple[Any, ...]]:
    """For a committee's inbox: the publications it has not relayed yet, as (item_id, title,
    occurred_at), `occurred_at` being when they were published."""
    relayed = sql_exists().where(
        col(Relay.publication_id) == col(Publication.id),
        col(Relay.committee_id) == committee_id,
    )
    # published_at is set on publishing; created_at only covers rows published without it.
    occurred_at = func.coalesce(col(Publication.published_at), col(Publication.created_at))
    return core_select(
        col(Publication.id).label("item_id"),
        col(Publication.title).label("title"),
        occurred_at.label("occurred_at"),
    ).where(col(Publication.status) == "published", ~relayed)


# The committee's relays: built once, the committee bound (their visibility is the guard's).
_COMMITTEE_RELAYS = Prepared(_relays(), committee_id=lambda value: col(Relay.committee_id) == value)
