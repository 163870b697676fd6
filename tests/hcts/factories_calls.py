"""Factories for calls, candidatures and mandates (built from the models, for speed)."""

import itertools
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from api.committees.models import Committee
from api.core.clock import today
from api.hcts.models import Axis, Call, Candidature, Mandate
from api.people.models import Person
from tests.meetings.factories import make_member

_counter = itertools.count(1)


def make_axis(session: Session, **overrides: Any) -> Axis:
    n = next(_counter)
    fields: dict[str, Any] = {"code": f"calls-axis-{n}", "title": f"Axe {n}", "starts_in": 2020}
    axis = Axis(**(fields | overrides))
    session.add(axis)
    session.flush()
    return axis


def make_call(session: Session, **overrides: Any) -> Call:
    """An open call (deadline in a month) unless told otherwise."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "title": f"Appel à candidatures n°{n}",
        "working_group": f"Groupe de travail n°{n}",
        "deadline": today() + timedelta(days=30),
    }
    call = Call(**(fields | overrides))
    session.add(call)
    session.flush()
    return call


def make_candidature(
    session: Session,
    *,
    call: Call,
    committee: Committee,
    person: Person | None = None,
    **overrides: Any,
) -> Candidature:
    person = person or make_member(session, committee=committee)
    candidature = Candidature(
        **({"call_id": call.id, "committee_id": committee.id, "person_id": person.id} | overrides)
    )
    session.add(candidature)
    session.flush()
    return candidature


def make_mandate(
    session: Session,
    *,
    committee: Committee,
    person: Person | None = None,
    **overrides: Any,
) -> Mandate:
    person = person or make_member(session, committee=committee)
    fields: dict[str, Any] = {
        "person_id": person.id,
        "committee_id": committee.id,
        "role": "titular",
        "seat": "plenary",
        "starts_on": date(2020, 1, 1),
    }
    mandate = Mandate(**(fields | overrides))
    session.add(mandate)
    session.flush()
    return mandate
