"""HCTS axes, publications and relays, built through the services (relays from the model:
the service wants a caller)."""

import itertools
from datetime import date
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.hcts import service_publications as service
from api.hcts.models import Axis, Publication, Relay
from api.hcts.schemas_publications import AxisCreate, PublicationCreate

_counter = itertools.count(1)


def make_axis(session: Session, **overrides: Any) -> Axis:
    n = next(_counter)
    fields: dict[str, Any] = {
        "code": f"axe-{n}",
        "title": f"Axe n°{n}",
        "starts_in": 2020,
        "ends_in": 2021,
    } | overrides
    return service.create_axis(session, data=AxisCreate.model_validate(fields))


def make_publication(
    session: Session, *, status: str = "published", **overrides: Any
) -> Publication:
    """A publication (published by default: what committees see and relay)."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "kind": "report",
        "title": f"Rapport n°{n}",
        "published_on": date(2023, 1, 1),
    } | overrides
    publication = service.create_publication(session, data=PublicationCreate.model_validate(fields))
    if status == "published":
        publication = service.publish_publication(session, publication=publication, if_match=None)
    return publication


def make_relay(
    session: Session, *, publication: Publication, committee: Committee, **overrides: Any
) -> Relay:
    fields: dict[str, Any] = {
        "publication_id": publication.id,
        "committee_id": committee.id,
        "relayed_on": date(2023, 2, 1),
        "channel": "mailing_list",
    } | overrides
    relay = Relay(**fields)
    session.add(relay)
    session.flush()
    return relay
